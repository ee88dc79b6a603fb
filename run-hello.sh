#!/usr/bin/env bash
# Quick start: builds samples/hello and the Mizan jars, unpacks WildFly (the build fetches it from
# Maven Central), deploys the WAR and leaves the server running in the background.
#   MIZAN_PORT_OFFSET=N   shift every WildFly port by N (HTTP is 8080+N)
#   MIZAN_SERVER_OPTS=".." more server system properties, e.g. the Redis cache by configuration alone:
#                         MIZAN_SERVER_OPTS="-Dmizan.cache.backend=redis -Dmizan.cache.redis.url=redis://127.0.0.1:6379"
#   ./run-hello.sh stop   stops the servers this script started, by the pids it recorded (each port
#                         offset), or only the one of MIZAN_PORT_OFFSET when that is set
set -euo pipefail
cd "$(dirname "$0")"
offset="${MIZAN_PORT_OFFSET:-0}"
wildfly_version=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' pom.xml)
home="samples/hello/target/wildfly-$wildfly_version"

# one pid file per port offset: `stop` finds every server it started, whatever offset each was given
pid_file() { echo "samples/hello/target/server-$1.pid"; }

# stops the server of one port offset by the pid this script recorded (nothing else, whatever holds the ports)
stop_offset() {
  local f pid
  f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  # a pid recorded before a crash or a reboot may have been reused by another process: not ours to stop
  if ps -o args= -p "$pid" 2>/dev/null | grep -q "bin/standalone.sh" && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    echo "stopped (port offset $1, pid $pid)"
  fi
  rm -f "$f"
}

if [ "${1:-}" = "stop" ]; then
  if [ -n "${MIZAN_PORT_OFFSET:-}" ]; then
    stop_offset "$offset" || { echo "no server this script started on port offset $offset" >&2; exit 1; }
  else
    stopped=0
    for f in samples/hello/target/server-*.pid; do
      [ -f "$f" ] || continue
      o=${f##*/server-}; stop_offset "${o%.pid}" && stopped=1
    done
    [ "$stopped" = 1 ] || echo "no server this script started is running"
  fi
  exit 0
fi

if [ -f "$(pid_file "$offset")" ] && kill -0 "$(cat "$(pid_file "$offset")")" 2>/dev/null; then
  echo "samples/hello is running already on port offset $offset (pid $(cat "$(pid_file "$offset")")): ./run-hello.sh stop first" >&2
  exit 1
fi
# a start that fails part-way leaves nothing running: the server it started is stopped again
trap 'status=$?; if [ "$status" != 0 ]; then stop_offset "$offset" || true; fi' EXIT

echo "building samples/hello and unpacking WildFly $wildfly_version ..."
mvn -B -q install -DskipTests -pl samples/hello -am -Pwildfly
etc/wildfly/configure.sh "$home"
deployments="$home/standalone/deployments"
rm -f "$deployments"/hello.war.*
cp samples/hello/target/hello.war "$deployments/"
log="samples/hello/target/wildfly.log"
LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.socket.binding.port-offset="$offset" ${MIZAN_SERVER_OPTS:-} >"$log" 2>&1 &
echo $! >"$(pid_file "$offset")"
echo "WildFly starting (pid $!, log $log) ..."
for _ in $(seq 1 240); do
  if [ -f "$deployments/hello.war.deployed" ]; then
    url="http://127.0.0.1:$((8080 + offset))/hello"
    echo "samples/hello is running at $url  (in development mode, the sample's default: $url/mizan/schema is on, demo logins work)"
    echo "try: curl -i $url/mizan/ctx/greeting     stop: ./run-hello.sh stop"
    exit 0
  fi
  if [ -f "$deployments/hello.war.failed" ]; then
    echo "deployment failed:" >&2
    cat "$deployments/hello.war.failed" >&2
    exit 1
  fi
  # a server that stopped (a bad option, a port in use) will never deploy: say so now, not after 120 s
  if ! kill -0 "$(cat "$(pid_file "$offset")")" 2>/dev/null; then
    echo "WildFly exited before deploying hello.war; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "WildFly did not deploy hello.war within 120 s; see $log" >&2
exit 1
