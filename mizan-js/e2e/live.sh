#!/usr/bin/env bash
# Builds what mizan-js/e2e/live.mjs needs (samples/hello's WAR, which carries mizan-cache-jedis, and
# WildFly's zip from Maven Central) and runs it: the live-updates tests in Chromium on two
# WildFly nodes sharing a redis-server of their own. With MIZAN_LIVE_BENCH=1 it runs the benchmark instead
# (bench/events.sh does that).
#
# Usage: mizan-js/e2e/live.sh            Maven flags go in MAVEN_ARGS (e.g. -Dmaven.repo.local=...)
# Ports: WildFly offsets MIZAN_LIVE_OFFSET (default 6500) and +50, redis-server MIZAN_LIVE_REDIS_PORT (26400).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
read -r -a mvn_args <<<"${MAVEN_ARGS:-}"
mvn -B -q "${mvn_args[@]}" -pl samples/hello -am package -DskipTests
entries=$(unzip -Z1 samples/hello/target/hello*.war)
grep -q 'WEB-INF/lib/mizan-cache-jedis' <<<"$entries" || { echo "live: hello.war lacks mizan-cache-jedis" >&2; exit 1; }
v_wildfly=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' pom.xml | head -1)
mvn -B -q "${mvn_args[@]}" dependency:copy -Dartifact="org.wildfly:wildfly-dist:$v_wildfly:zip" -DoutputDirectory="$root/mizan-js/e2e/target" >/dev/null
[ -d mizan-js/node_modules ] || (cd mizan-js && npm ci --no-audit --no-fund)
export MIZAN_LIVE_WILDFLY_ZIP="$root/mizan-js/e2e/target/wildfly-dist-$v_wildfly.zip"
export MIZAN_LIVE_WAR=$(ls "$root"/samples/hello/target/hello*.war | head -1)
cd mizan-js && exec node --test --test-timeout=900000 e2e/live.mjs
