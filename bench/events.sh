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
# Usage: bench/events.sh [--memory]   (Maven flags in MAVEN_ARGS; ports as mizan-js/e2e/live.sh)
#   --memory  the heap part alone (one node, no browser); MIZAN_LIVE_STREAMS sets the count (10000),
#             MIZAN_LIVE_HEADERS=browser sends a browser's headers and a session cookie on each stream (default
#             bare: Accept only) and MIZAN_LIVE_HEAP_DUMP=<file> dumps the live heap with the streams open (first round)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  "") MIZAN_LIVE_BENCH=1 exec mizan-js/e2e/live.sh ;;
  --memory) MIZAN_LIVE_BENCH=memory exec mizan-js/e2e/live.sh ;;
  *) echo "usage: bench/events.sh [--memory]" >&2; exit 2 ;;
esac
