#!/usr/bin/env bash
# The Redis cache in numbers, in one run (stays out of CI; needs wrk, the JDK, Maven, python3; the
# redis-server is etc/redis-server.sh's):
#  1. a context purge of 100 entries with 1,000 and then 1,000,000 unrelated keys in Redis (target:
#     ratio <= 1.2), and a SCAN-based purge of the same entries at 1,000,000 keys as the baseline
#     (target: Mizan's purge >= 1,000x faster). Sizes alternate every round; medians of the ratios.
#  2. the hit path of a cached context through the server (samples/hello on WildFly, switched to Redis
#     by configuration alone) against a hand-written JAX-RS resource doing one Jedis GET of the same
#     bytes (target >= 0.9), wrk, alternating, median of the per-round ratios.
# Its own redis-server (port REDIS_PORT) and WildFly (MIZAN_PORT_OFFSET) are started and stopped here.
#   ROUNDS=3 REDIS_PORT=23600 MIZAN_PORT_OFFSET=0 DURATION=10s CONNECTIONS=16 THREADS=2 bench/redis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"; port="${REDIS_PORT:-23600}"; offset="${MIZAN_PORT_OFFSET:-0}"
for tool in wrk java javac jar mvn curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install -y wrk)" >&2; exit 1; }
done
work=$(mktemp -d)
redis_server=$(etc/redis-server.sh)
# DEBUG POPULATE fills Redis with unrelated keys; Redis 7 turns DEBUG off unless told, 6.2 has no such option
debug=(--enable-debug-command yes)
case "$("$redis_server" --version)" in *" v="[0-6].*) debug=() ;; esac
"$redis_server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no "${debug[@]}" \
  --daemonize yes --pidfile "$work/redis.pid" --dir "$work" --logfile "$work/redis.log"
cleanup() {
  ./run-hello.sh stop >/dev/null 2>&1 || true
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 50); do etc/redis-local.sh answers "$port" && break; sleep 0.1; done

echo "== building samples/hello (with mizan-cache-jedis) and the purge bench's class path"
mvn -B -q install -DskipTests -Dmaven.javadoc.skip=true -pl samples/hello -am -Pwildfly
mvn -B -q dependency:build-classpath -pl mizan-cache-jedis -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="mizan-cache-jedis/target/classes:$(cat "$work/cp.txt")"

echo "== 1. purges (redis-server on 127.0.0.1:$port)"
java -cp "$cp" bench/redis/PurgeBench.java "$port" "$rounds" 2>"$work/purge-bench.log"

echo "== 2. hit path: a cached context on Redis against one Jedis GET in a JAX-RS resource"
MIZAN_PORT_OFFSET="$offset" MIZAN_SERVER_OPTS="-Dmizan.cache.backend=redis -Dmizan.cache.redis.url=redis://127.0.0.1:$port -Dmizan.cache.redis.prefix=bench-hello:" ./run-hello.sh
mkdir -p "$work/war/WEB-INF/classes" "$work/war/WEB-INF/lib"
javac -d "$work/war/WEB-INF/classes" -cp "$cp" bench/redis/get/src/RedisGetResource.java
for jar in $(tr ':' '\n' <"$work/cp.txt" | grep -E '/(jedis|commons-pool2|slf4j-api|json|gson|redis-authx-core)-[0-9][^/]*\.jar$'); do
  cp "$jar" "$work/war/WEB-INF/lib/"
done
wildfly_version=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' pom.xml)
deployments="samples/hello/target/wildfly-$wildfly_version/standalone/deployments"
(cd "$work/war" && jar cf "$work/bench-redis-get.war" .)
cp "$work/bench-redis-get.war" "$deployments/"
for _ in $(seq 1 240); do [ -f "$deployments/bench-redis-get.war.deployed" ] && break; sleep 0.5; done
[ -f "$deployments/bench-redis-get.war.deployed" ] || { echo "bench-redis-get.war did not deploy" >&2; exit 1; }

base="http://127.0.0.1:$((8080 + offset))"
mizan="$base/hello/mizan/ctx/greeting"; plain="$base/bench-redis-get/get"
body=$(curl -sf "$mizan")
etc/redis-local.sh call "$port" SET bench:greeting "$body" >/dev/null
[ "$(curl -sf "$plain")" = "$body" ] || { echo "the JAX-RS resource does not answer the context's bytes" >&2; exit 1; }
status=$(curl -si "$mizan" | tr -d '\r' | awk -F': ' 'tolower($1)=="mizan-cache" {print $2}')
[ "$status" = "hit" ] || { echo "the context is not served from Redis (Mizan-Cache: $status)" >&2; exit 1; }
echo "same body (${#body} bytes), context answers Mizan-Cache: hit; keys under bench-hello: $(etc/redis-local.sh call "$port" KEYS 'bench-hello:*' | grep -c .)"
. bench/wrk-alternate.sh
alternate "$rounds" "mizan context (Redis hit)" "$mizan" "jax-rs + one Jedis GET" "$plain" "target >= 0.9"
