#!/usr/bin/env bash
# Throughput of a cached public Mizan context against a hand-written JAX-RS resource returning the
# same bytes, on the running samples/hello (start it with ./run-hello.sh). The two sides alternate,
# ROUNDS times, and the median of the per-round ratios is printed (target: >= 0.95).
#   ROUNDS=3 DURATION=10s CONNECTIONS=16 THREADS=2 BASE=http://127.0.0.1:8080/hello bench/ctx-vs-jaxrs.sh
set -euo pipefail
base="${BASE:-http://127.0.0.1:8080/hello}"
rounds="${ROUNDS:-3}"; duration="${DURATION:-10s}"; conns="${CONNECTIONS:-16}"; threads="${THREADS:-2}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mizan="$base/mizan/ctx/greeting"; plain="$base/api/greeting"
a=$(curl -sf "$mizan"); b=$(curl -sf "$plain")
[ "$a" = "$b" ] || { echo "bodies differ:"; echo " mizan: $a"; echo " jaxrs: $b"; exit 1; }
echo "same body (${#a} bytes): $a"
rps() { wrk -t"$threads" -c"$conns" -d"$duration" --latency "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "warm-up (two runs each) ..."
for _ in 1 2; do rps "$mizan" >/dev/null; rps "$plain" >/dev/null; done
ratios=()
for i in $(seq 1 "$rounds"); do
  # alternate which side goes first, so a drift of the machine does not favour one side
  if [ $((i % 2)) -eq 1 ]; then m=$(rps "$mizan"); p=$(rps "$plain"); else p=$(rps "$plain"); m=$(rps "$mizan"); fi
  r=$(awk -v m="$m" -v p="$p" 'BEGIN {printf "%.3f", m / p}')
  ratios+=("$r")
  printf 'round %d: mizan %10.0f req/s   jax-rs %10.0f req/s   ratio %s\n' "$i" "$m" "$p" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
echo "median ratio mizan/jax-rs over $rounds rounds: $median (target >= 0.95)"
