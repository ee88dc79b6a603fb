# Starts and stops a WAR on Payara Micro and Open Liberty the way a user does (the WAR copied into the
# deployment folder, nothing else of this repository on the server). Sourced by bench/drop-in.sh and
# bench/events.sh; the servers come from Maven Central (the versions of the root pom.xml).
#   runtime_version <wildfly|liberty|payara>   the version the root pom.xml pins
#   fetch_runtime <groupId:artifactId:version[:type]> <dir>
#   start_payara <dir> <war> <port> [jvm option ...]    sets RUNTIME_PID; log in <dir>/payara.log
#   stop_payara
#   start_liberty <dir> <server> <war> <port> [jvm option ...]   sets RUNTIME_PID; logs in the server's logs/
#   stop_liberty <dir> <server>
#   wait_for <url> <seconds>    until the URL answers 200
#   free_port                   a TCP port free on 127.0.0.1 now
# The start functions set RUNTIME_STARTED ($SECONDS once the server is fetched and unpacked, as the WAR is
# copied in) and return without waiting for the WAR: wait_for its first URL.
# Liberty's server.xml holds what a Mizan application needs (Web Profile 10 with MicroProfile Config)
# and, for the operator's view, MicroProfile Health and OpenAPI.

# liberty's property is version.openliberty
runtime_version() {
  local name=${1/#liberty/openliberty}
  sed -n "s:.*<version.$name>\(.*\)</version.$name>.*:\1:p" "$(dirname "${BASH_SOURCE[0]}")/../pom.xml" | head -1
}

fetch_runtime() {
  mvn -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.overWriteIfNewer=true >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for() {
  local end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = 200 ] && return 0
    sleep 0.25
  done
  return 1
}

start_payara() {
  local dir=$1 war=$2 port=$3 v
  shift 3
  v=$(runtime_version payara)
  fetch_runtime "fish.payara.extras:payara-micro:$v" "$dir"
  rm -rf "$dir/payara-root" "$dir/payara-deploy"; mkdir -p "$dir/payara-deploy"
  RUNTIME_STARTED=$SECONDS
  cp "$war" "$dir/payara-deploy/"
  java "$@" -jar "$dir/payara-micro-$v.jar" --deploymentDir "$dir/payara-deploy" --port "$port" --nocluster \
    --rootDir "$dir/payara-root" >"$dir/payara.log" 2>&1 &
  RUNTIME_PID=$!
}

stop_payara() {
  kill "$RUNTIME_PID" 2>/dev/null || true
  wait "$RUNTIME_PID" 2>/dev/null || true
}

start_liberty() {
  local dir=$1 server=$2 war=$3 port=$4 v
  shift 4
  v=$(runtime_version liberty)
  fetch_runtime "io.openliberty:openliberty-runtime:$v:zip" "$dir"
  local home="$dir/liberty/wlp"
  rm -rf "$dir/liberty"; unzip -q -o "$dir/openliberty-runtime-$v.zip" -d "$dir/liberty"
  mkdir -p "$home/usr/servers/$server/dropins"
  cat >"$home/usr/servers/$server/server.xml" <<XML
<server description="Mizan on Open Liberty">
    <featureManager>
        <feature>webProfile-10.0</feature>
        <feature>mpConfig-3.1</feature>
        <feature>mpHealth-4.0</feature>
        <feature>mpOpenAPI-4.0</feature>
    </featureManager>
    <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$port" httpsPort="-1"/>
</server>
XML
  printf '%s\n' "$@" >"$home/usr/servers/$server/jvm.options"
  RUNTIME_STARTED=$SECONDS
  cp "$war" "$home/usr/servers/$server/dropins/"
  "$home/bin/server" start "$server" >"$dir/liberty.log" 2>&1
  RUNTIME_PID=$(cat "$home/usr/servers/.pid/$server.pid")
}

stop_liberty() {
  "$1/liberty/wlp/bin/server" stop "$2" >>"$1/liberty.log" 2>&1 || true
}
