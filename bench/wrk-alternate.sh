# Sourced by the bench scripts: compares the throughput of two URLs with wrk, the sides alternating
# which goes first, ROUNDS times after a warm-up, and prints the median of the per-round ratios.
#   alternate <rounds> <name a> <url a> <name b> <url b> <target text>
# Reads DURATION, CONNECTIONS and THREADS (defaults 10s, 16, 2) and WARMUP (default 3: runs of each side
# before the first round, so both are compiled by the JIT before they are compared; with 2, the rates of a
# fresh server still rose through every round).
rps() {
  wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-16}" -d"${DURATION:-10s}" --latency "$1" | awk '/Requests\/sec/ {print $2}'
}

alternate() {
  local rounds=$1 name_a=$2 url_a=$3 name_b=$4 url_b=$5 target=$6 a b r i median
  echo "warm-up (${WARMUP:-3} runs each) ..."
  for _ in $(seq 1 "${WARMUP:-3}"); do rps "$url_a" >/dev/null; rps "$url_b" >/dev/null; done
  local ratios=()
  for i in $(seq 1 "$rounds"); do
    # alternate which side goes first, so a drift of the machine does not favour one side
    if [ $((i % 2)) -eq 1 ]; then a=$(rps "$url_a"); b=$(rps "$url_b"); else b=$(rps "$url_b"); a=$(rps "$url_a"); fi
    r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}')
    ratios+=("$r")
    printf 'round %d: %s %10.0f req/s   %s %10.0f req/s   ratio %s\n' "$i" "$name_a" "$a" "$name_b" "$b" "$r"
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
  echo "median ratio $name_a / $name_b over $rounds rounds: $median ($target)"
}
