#!/usr/bin/env bash
# Quick start: builds samples/board (a team task board) and the Mizan jars, unpacks WildFly (the build
# fetches it from Maven Central), deploys the WAR and leaves the server running in the background.
#   ./run-board.sh                  one node, the in-memory cache, WildFly's in-memory H2 database
#   ./run-board.sh redis-postgres   the Redis cache and PostgreSQL (the database is created if absent)
#   ./run-board.sh two-nodes        redis-postgres on two nodes: the second listens 100 ports higher
#   ./run-board.sh stop             stops the servers (and the Redis) this script started
# Environment:
#   MIZAN_PORT_OFFSET=N   shift every WildFly port by N (HTTP is 8080+N; the second node 8180+N)
#   BOARD_REDIS_PORT=P    the redis-server this script starts for redis-postgres (default 6390+N/100)
#   BOARD_PG_URL          jdbc:postgresql://127.0.0.1:5432/mizan_board     (BOARD_PG_USER=postgres, BOARD_PG_PASSWORD)
#   BOARD_SKIP_BUILD=1    deploy what the last build made (.ci/run also sets BOARD_WILDFLY_HOME, BOARD_WAR, BOARD_PG_JAR)
# docs/how-to/board-sample.md explains each mode.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-memory}"
offset="${MIZAN_PORT_OFFSET:-0}"
wildfly_version=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' pom.xml)
target="$PWD/samples/board/target"
home="${BOARD_WILDFLY_HOME:-$target/wildfly-$wildfly_version}"
war="${BOARD_WAR:-$target/board.war}"
pg_jar="${BOARD_PG_JAR:-$target/postgresql.jar}"
redis_port="${BOARD_REDIS_PORT:-$((6390 + offset / 100))}"
pg_url="${BOARD_PG_URL:-jdbc:postgresql://127.0.0.1:5432/mizan_board}"
pg_user="${BOARD_PG_USER:-postgres}"
pg_password="${BOARD_PG_PASSWORD:-}"

node_base() { if [ "$1" = 1 ]; then echo "$home/standalone"; else echo "$target/node$1"; fi; }

# whether the process of pid $1 still runs $2 (its command line holds it)
running() { ps -o args= -p "$1" 2>/dev/null | grep -q -- "$2"; }

# stops what this script started, by the pids it recorded (nothing else, whatever holds the ports)
stop_started() {
  for n in 1 2; do
    if [ -f "$target/node$n.pid" ]; then
      pid=$(cat "$target/node$n.pid")
      # a pid recorded before a crash or a reboot may have been reused by another process: not ours to stop
      if running "$pid" "bin/standalone.sh" && kill "$pid" 2>/dev/null; then
        for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        echo "stopped node $n (pid $pid)"
      fi
      rm -f "$target/node$n.pid"
    fi
  done
  if [ -f "$target/redis.pid" ]; then
    pid=$(cat "$target/redis.pid")
    running "$pid" "redis-server" && kill "$pid" 2>/dev/null && echo "stopped redis-server" || true
    rm -f "$target/redis.pid"
  fi
}

if [ "$mode" = "stop" ]; then
  stop_started
  exit 0
fi
mkdir -p "$target"
for n in 1 2; do
  if [ -f "$target/node$n.pid" ] && kill -0 "$(cat "$target/node$n.pid")" 2>/dev/null; then
    echo "samples/board is running already (node $n, pid $(cat "$target/node$n.pid")): ./run-board.sh stop first" >&2
    exit 1
  fi
done
case "$mode" in memory|redis-postgres|two-nodes) ;; *) echo "usage: $0 [memory|redis-postgres|two-nodes|stop]" >&2; exit 2;; esac
# a start that fails part-way leaves nothing running: what it started is stopped again
trap 'status=$?; if [ "$status" != 0 ]; then echo "start failed: stopping what it started" >&2; stop_started; fi' EXIT

if [ -z "${BOARD_SKIP_BUILD:-}" ]; then
  echo "building samples/board and unpacking WildFly $wildfly_version ..."
  mvn -B -q install -DskipTests -pl samples/board -am -Pwildfly
fi
etc/wildfly/configure.sh "$home"

opts=()
if [ "$mode" != "memory" ]; then
  if ! etc/redis-local.sh answers "$redis_port"; then
    # MIZAN_REDIS_SERVER, else the PATH's, else the one embedded-redis ships (etc/redis-server.sh)
    redis_server=$(etc/redis-server.sh)
    "$redis_server" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$target/redis.pid" --logfile "$target/redis.log" --maxmemory-policy noeviction
    for _ in $(seq 1 50); do etc/redis-local.sh answers "$redis_port" && break; sleep 0.1; done
    if ! etc/redis-local.sh answers "$redis_port"; then
      echo "redis-server does not answer on port $redis_port (is the port taken? BOARD_REDIS_PORT picks another); see $target/redis.log" >&2
      exit 1
    fi
  fi
  db="${pg_url##*/}"; db="${db%%\?*}"
  hostport="${pg_url#jdbc:postgresql://}"; hostport="${hostport%%/*}"
  pg_host="${hostport%%:*}"; pg_port=5432 # JDBC's default when the URL names none
  [ "$hostport" = "$pg_host" ] || pg_port="${hostport##*:}"
  if ! PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "create database \"$db\""
    echo "created PostgreSQL database $db"
  fi
  # the CLI script with the values filled in (an empty password, for trust authentication, is left out)
  cli=$(<etc/wildfly/board-postgres.cli)
  [ -n "$pg_password" ] || cli=${cli// --password=\$\{pg.password\}/}
  cli=${cli//\$\{pg.jar\}/$pg_jar}; cli=${cli//\$\{pg.url\}/$pg_url}; cli=${cli//\$\{pg.user\}/$pg_user}; cli=${cli//\$\{pg.password\}/$pg_password}
  # it holds the password: readable by this user only, and gone once jboss-cli has read it
  (umask 077; printf '%s\n' "$cli" >"$target/board-postgres.cli")
  cli_status=0; "$home/bin/jboss-cli.sh" --file="$target/board-postgres.cli" >/dev/null || cli_status=$?
  rm -f "$target/board-postgres.cli"
  [ "$cli_status" = 0 ] || exit "$cli_status"
  # Two nodes share one secret (cache keys, CSRF tokens); mizan.dev's random secret is for one node only.
  secret_file="$target/board-secret"
  [ -f "$secret_file" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$secret_file")
  opts+=(-Dmizan.cache.backend=redis "-Dmizan.cache.redis.url=redis://127.0.0.1:$redis_port")
  # in the environment, not on the command line, where any local user's ps would show it
  MIZAN_SECRET=$(cat "$secret_file"); export MIZAN_SECRET
elif grep -q 'datasource="java:jboss/datasources/BoardDS"' "$home/standalone/configuration/standalone.xml"; then
  # an earlier redis-postgres or two-nodes run left the default data source on PostgreSQL: back to H2
  "$home/bin/jboss-cli.sh" --file=etc/wildfly/board-memory.cli >/dev/null
fi

start_node() { # <n> <offset>
  local n=$1 off=$2 base log
  base=$(node_base "$n")
  if [ "$n" != 1 ]; then rm -rf "$base"; cp -r "$home/standalone" "$base"; rm -rf "$base"/{data,tmp,log}; fi
  deployments="$base/deployments"
  rm -rf "$deployments"/board.war*
  cp "$war" "$deployments/"
  log="$target/wildfly-node$n.log"
  LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.server.base.dir="$base" -Djboss.node.name="board$n" -Djboss.socket.binding.port-offset="$off" \
    "${opts[@]}" >"$log" 2>&1 &
  echo $! >"$target/node$n.pid"
  echo "node $n starting (log $log) ..."
}
wait_node() { # <n> <offset>
  local deployments; deployments="$(node_base "$1")/deployments"
  for _ in $(seq 1 360); do
    [ -f "$deployments/board.war.deployed" ] && { echo "  http://127.0.0.1:$((8080 + $2))/board/"; return 0; }
    [ -f "$deployments/board.war.failed" ] && { echo "deployment failed:" >&2; cat "$deployments/board.war.failed" >&2; return 1; }
    # a server that stopped (a bad option, a port in use) will never deploy: say so now, not after 180 s
    kill -0 "$(cat "$target/node$1.pid")" 2>/dev/null || {
      echo "node $1 (WildFly) exited before deploying board.war; the end of $target/wildfly-node$1.log:" >&2
      tail -n 20 "$target/wildfly-node$1.log" >&2; rm -f "$target/node$1.pid"; return 1; }
    sleep 0.5
  done
  echo "node $1 did not deploy board.war within 180 s; see $target/wildfly-node$1.log" >&2
  return 1
}

start_node 1 "$offset"
wait_node 1 "$offset" >/dev/null
echo "samples/board ($mode) is running at:"
echo "  http://127.0.0.1:$((8080 + offset))/board/"
if [ "$mode" = "two-nodes" ]; then
  # after the first node has created the tables and the demo boards in the shared database
  start_node 2 "$((offset + 100))"
  wait_node 2 "$((offset + 100))"
fi
echo "demo logins: alice / alice-pw   bob / bob-pw        stop: ./run-board.sh stop"
