#!/usr/bin/env bash
# Server-side rendering throughput and latency, for a React page of 100 items (~80 KB of HTML) and a
# small one (~10 KB), all in one run (not part of the build or CI):
#   - renderToString inside one Node (and one Bun) process: the ceiling, no IPC;
#   - the mizan-ssr-node pool with 1 worker x 1 client thread and 2 x 2 (Node and Bun);
#   - an Inertia-style HTTP render server (POST JSON, JSON reply, node:cluster) with 1 and 2 workers;
#   - the same page on GraalJS inside the JVM (org.graalvm.polyglot:js-community from Maven Central,
#     with the Graal JIT on a stock JDK 21+), after a warm-up.
# A first round, not counted, warms every side up; then each side runs SECONDS per round after a 1 s
# warm-up of its own; sides alternate within a round and
# the starting side rotates between rounds, GraalJS among them. GraalJS runs in a JVM of its own
# (in the harness's JVM its compilations slowed the pool sides, whose client threads run there),
# warmed up before the first round for GRAAL_WARMUP s at least, then until two 5 s slices render
# within 5 % of each other and of the best slice so far (at most 10 x GRAAL_WARMUP). The ratios
# printed are medians of per-round ratios. Targets: pool >= 0.7 of in-process (large) and >= 0.5
# (small); 2x2 >= 1.8 x 1x1; pool >= 1.3 x HTTP; >= 1.5 x GraalJS; p99 <= 3 x p50. Each side also
# prints the share of its renders slower than 3 x p50, which that last target allows up to 1 %.
#   SECONDS_PER_SIDE=3 ROUNDS=3 GRAAL_WARMUP=30 JAVA21=/path/to/jdk-21+/bin/java bench/ssr.sh
# SIDES=<regex over the side names> runs only those sides (no summary), e.g. SIDES='node (in-process|pool 1x1)'.
# NODE_FLAGS=<flags> starts every Node side (in-process, pool workers, HTTP servers) as `node <flags> ...`,
# e.g. NODE_FLAGS='--min-semi-space-size=16 --max-semi-space-size=64' (a larger V8 young generation:
# fewer scavenges, the p99 of a render that meets one). The pool's workers get them through a wrapper
# script as their command, like the other sides; an application sets mizan.ssr.command-options.
# BUN_ENV=<NAME=value ...> starts every Bun side with those variables in its environment, e.g.
# BUN_ENV=BUN_JSC_largeHeapSize=33554432 (JavaScriptCore's options, which Bun reads only from its
# environment: a larger eden, fewer collections); an application sets them in the server's environment.
# Ports 24201-24202 (HTTP render servers; PORT_BASE moves them). Maven flags: MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${SECONDS_PER_SIDE:-3}"; rounds="${ROUNDS:-3}"; warm="${GRAAL_WARMUP:-30}"; port="${PORT_BASE:-24201}"
java21="${JAVA21:-$( (ls -d /usr/lib/jvm/*-2[1-9]-* /usr/lib/jvm/*-2[1-9] 2>/dev/null || true) | head -1)/bin/java}"
[ -x "$java21" ] || { echo "GraalJS's JIT needs a JDK 21 or newer: set JAVA21=/path/to/bin/java" >&2; exit 1; }
work=bench/ssr/target
mkdir -p "$work"
bun=mizan-ssr-node/node_modules/@oven/bun-linux-x64/bin/bun
# esbuild, React and Bun: mizan-ssr-node's test tooling (package-lock.json)
[ -x "$bun" ] || (cd mizan-ssr-node && npm ci --no-audit --no-fund)
mvn -B -q ${MVN_ARGS:-} install -DskipTests -pl mizan-ssr-node -am
mvn -B -q ${MVN_ARGS:-} -f bench/ssr/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/$work/cp.txt"
node bench/ssr/build.mjs "$PWD/mizan-ssr-node/node_modules" "$PWD/$work/bundles"
cp bench/ssr/inprocess.mjs bench/ssr/http-server.mjs "$work/bundles/"
# The Graal compiler and the modules it needs go on the upgrade module path; the rest on the class path.
jars=$(tr ':' '\n' < "$work/cp.txt" | grep '\.jar$')
upgrade='graalvm/compiler/compiler|sdk/collections|sdk/word|sdk/nativeimage|truffle/truffle-compiler'
up=$(echo "$jars" | grep -E "$upgrade" | paste -sd:)
cp="mizan-ssr-node/target/classes:mizan-api/target/classes:$(echo "$jars" | grep -vE "$upgrade" | paste -sd:)"
# wrapper <script> <command line>: a script that runs the command line with its own arguments after it,
# the command every side then starts (the pool's workers included)
wrapper() {
  printf '#!/bin/sh\nexec %s "$@"\n' "$2" > "$1"
  chmod +x "$1"
}
node_cmd=node
if [ -n "${NODE_FLAGS:-}" ]; then
  node_cmd="$PWD/$work/node-flags.sh"
  wrapper "$node_cmd" "node $NODE_FLAGS"
fi
bun_cmd="$PWD/$bun"
if [ -n "${BUN_ENV:-}" ]; then
  bun_cmd="$PWD/$work/bun-env.sh"
  wrapper "$bun_cmd" "env $BUN_ENV '$PWD/$bun'"
fi
# On a VM, whether idle vCPUs poll before they halt moves the pool's 1 x 1 figures by half or more
# (docs/how-to/ssr.md, "On a virtual machine"): printed, so that runs can be compared.
idle="cpuidle $(cat /sys/devices/system/cpu/cpuidle/current_driver 2>/dev/null || echo unknown)"
[ -r /sys/module/haltpoll/parameters/guest_halt_poll_ns ] && idle="$idle, guest_halt_poll_ns $(cat /sys/module/haltpoll/parameters/guest_halt_poll_ns)"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores ($idle); node $(node --version)${NODE_FLAGS:+ ($NODE_FLAGS)}, bun $($bun --version)${BUN_ENV:+ ($BUN_ENV)}, $("$java21" -version 2>&1 | head -1)"
"$java21" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="$up" --enable-native-access=ALL-UNNAMED \
  -Djava.util.logging.config.file=/dev/null -cp "$cp" bench/ssr/SsrBench.java \
  "$PWD/$work/bundles" "$node_cmd" "$bun_cmd" "$secs" "$rounds" "$warm" "$port"
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
