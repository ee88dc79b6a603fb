#!/usr/bin/env bash
# Live updates, measured (docs/how-to/live-updates.md); out of CI. Two WildFly nodes of samples/hello
# sharing a redis-server of their own, three Chromium browser contexts (mizan-js/e2e/live.mjs, bench mode):
#   1. the time from a call's response (in one browser) to another browser's DOM showing the change,
#      p50 and p99 over 200 calls, for a browser on the same node and one on the other node; beside it
#      the baseline measured in the same run, alternating with each call: one GET /ctx round trip;
#   2. the heap held by 10,000 idle streams on one node: the live heap after a full GC (jcmd's class
#      histogram), open the streams (from this Node process, not the server's JVM), the live heap again;
#      each round starts once no stream of before is alive; three rounds, the median.
#      Targets: p99 under 100 ms on one node; under 50 MB. docs/how-to/live-updates.md ("Memory") says
#      where the bytes go.
# Usage: bench/events.sh [--memory [wildfly|payara|liberty]]   (Maven flags in MAVEN_ARGS; ports as mizan-js/e2e/live.sh)
#   --memory  the heap part alone (one node, no browser), on WildFly (default) or, with samples/hello deployed the
#             way bench/drop-in.sh deploys it (etc/runtimes.sh; a free port, the memory backend), on Payara Micro
#             or Open Liberty. MIZAN_LIVE_STREAMS sets the count (10000), MIZAN_LIVE_HEADERS=browser sends a
#             browser's headers and a session cookie on each stream (default bare: Accept only) and
#             MIZAN_LIVE_HEAP_DUMP=<file> dumps the live heap with the streams open (first round); the measuring
#             is bench/heap/streams.mjs's
set -euo pipefail
cd "$(dirname "$0")/.."

# samples/hello on Payara Micro or Open Liberty, the same heap as the WildFly node's, then the measuring
memory_on() {
  . etc/runtimes.sh
  local runtime=$1 work=bench/target/events-heap port
  mkdir -p "$work"
  mvn -B -q ${MAVEN_ARGS:-} package -DskipTests -pl samples/hello -am
  port=$(free_port)
  local options=(-Xms256m -Xmx768m -Dmizan.secret=events-bench-secret-0123456789abcdef
    -Dmizan.events.max-streams=20000 -Dmizan.events.heartbeat=PT5S)
  case "$runtime" in
    payara) start_payara "$work" samples/hello/target/hello.war "$port" "${options[@]}"; trap stop_payara EXIT ;;
    liberty) start_liberty "$work" eventsHeap samples/hello/target/hello.war "$port" "${options[@]}"
             trap "stop_liberty $work eventsHeap" EXIT ;;
  esac
  wait_for "http://127.0.0.1:$port/hello/mizan/ctx/greeting" 180 || { echo "samples/hello did not start on $runtime; see $work" >&2; exit 1; }
  echo "# samples/hello on $runtime $(runtime_version "$runtime"), pid $RUNTIME_PID"
  node bench/heap/streams.mjs "http://127.0.0.1:$port/hello/mizan/events" "$RUNTIME_PID"
}

case "${1:-}/${2:-wildfly}" in
  /wildfly) MIZAN_LIVE_BENCH=1 exec mizan-js/e2e/live.sh ;;
  --memory/wildfly) MIZAN_LIVE_BENCH=memory exec mizan-js/e2e/live.sh ;;
  --memory/payara | --memory/liberty) memory_on "$2" ;;
  *) echo "usage: bench/events.sh [--memory [wildfly|payara|liberty]]" >&2; exit 2 ;;
esac
