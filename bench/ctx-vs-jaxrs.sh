#!/usr/bin/env bash
# Throughput of a cached public Mizan context against a hand-written JAX-RS resource returning the
# same bytes, on the running samples/hello (start it with ./run-hello.sh). The two sides alternate,
# ROUNDS times, and the median of the per-round ratios is printed (target: >= 0.95).
#   ROUNDS=3 DURATION=10s CONNECTIONS=16 THREADS=2 BASE=http://127.0.0.1:8080/hello bench/ctx-vs-jaxrs.sh
set -euo pipefail
base="${BASE:-http://127.0.0.1:8080/hello}"
rounds="${ROUNDS:-3}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mizan="$base/mizan/ctx/greeting"; plain="$base/api/greeting"
a=$(curl -sf "$mizan"); b=$(curl -sf "$plain")
[ "$a" = "$b" ] || { echo "bodies differ:"; echo " mizan: $a"; echo " jaxrs: $b"; exit 1; }
echo "same body (${#a} bytes): $a"
. "$(dirname "$0")/wrk-alternate.sh"
alternate "$rounds" mizan "$mizan" jax-rs "$plain" "target >= 0.95"
