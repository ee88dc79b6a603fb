#!/usr/bin/env bash
# Proves the drop-in claim: samples/hello's plain WAR (Mizan jars in WEB-INF/lib, no server module)
# deployed BY COPYING it into each runtime's deployment folder works on WildFly, Open Liberty and
# Payara Micro. For each runtime: start, wait until the WAR answers, check, stop, print the time.
#
# Checks, on http://127.0.0.1:<port>/hello:
#   1. GET mizan/ctx/greeting           -> 200 and "Mizan-Protocol: 1"
#   2. GET mizan/session, then POST mizan/call/setGreeting with the cookie and the Mizan-CSRF header -> 200
#      (and the same POST without the header -> 403 with Mizan's JSON: the call really is CSRF-protected)
#   3. GET mizan/ctx/notes as alice (HTTP Basic, role "user") -> 200; anonymous -> 401
#   4. GET no-such-page -> 404 with the sample's own error page (its web.xml <error-page>), naming no server
#   5. with the server's MicroProfile features on (WildFly's standalone-microprofile.xml, Liberty's
#      mpHealth-4.0 and mpOpenAPI-4.0, Payara Micro's own): /health/ready holds the mizan check, UP, and
#      /openapi (JSON) holds one operation per context and function of hello with its x-mizan-*
#      extensions as hello's annotations say, no {name} path, hello's own GreetingResource outside /mizan
#      and nothing else under /mizan (docs/how-to/operations.md)
#
# Usage: bench/drop-in.sh [wildfly|liberty|payara ...]   (default: all three)
# Ports: WildFly offset 300 (HTTP 8380, management 10290), Liberty 9080, Payara Micro a free random port.
# The servers are fetched from Maven Central by Maven (the versions of the root pom.xml) and unpacked
# under bench/target/drop-in; nothing else of this repository is used at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/bench/target/drop-in"
mkdir -p "$work"
runtimes=("$@")
[ ${#runtimes[@]} -gt 0 ] || runtimes=(wildfly liberty payara)

. etc/runtimes.sh   # fetch_runtime, wait_for, start_/stop_payara, start_/stop_liberty
v_wildfly=$(runtime_version wildfly)
v_liberty=$(runtime_version liberty)
v_payara=$(runtime_version payara)

echo "== building samples/hello (the WAR users deploy) ..."
mvn -B -q package -DskipTests -pl samples/hello -am   # from this checkout only, nothing installed
war="$root/samples/hello/target/hello.war"
[ -f "$war" ] || { echo "no $war" >&2; exit 1; }
unzip -l "$war" | grep -q 'WEB-INF/lib/mizan-jaxrs' || { echo "Mizan jars missing from WEB-INF/lib" >&2; exit 1; }

check() { # base url -> exit status 0 when every check passes
  local base="$1" jar headers tok status ok=0
  jar=$(mktemp); headers=$(mktemp)
  status=$(curl -s -D "$headers" -o /dev/null -w '%{http_code}' "$base/mizan/ctx/greeting")
  if [ "$status" = 200 ] && grep -qi '^Mizan-Protocol: *1' "$headers"; then
    echo "   ok   GET mizan/ctx/greeting: 200, Mizan-Protocol: 1"
  else
    echo "   FAIL GET mizan/ctx/greeting: $status"; cat "$headers"; ok=1
  fi
  tok=$(curl -s -c "$jar" "$base/mizan/session" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
  local refused
  refused=$(curl -s -w '\n%{http_code}' -b "$jar" -H 'Content-Type: application/json' \
    -d '{"text":"Dropped in","exclamations":1}' "$base/mizan/call/setGreeting")
  status=${refused##*$'\n'}
  # Mizan's JSON error, not the sample's <error-page>
  if [ "$status" = 403 ] && grep -q '"code":"csrf"' <<<"$refused"; then echo "   ok   POST call/setGreeting without Mizan-CSRF: 403 csrf (JSON)"
  else echo "   FAIL POST call/setGreeting without Mizan-CSRF: $status (want 403 and Mizan's JSON): ${refused:0:200}"; ok=1; fi
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -H "Mizan-CSRF: $tok" -H 'Content-Type: application/json' \
    -d '{"text":"Dropped in","exclamations":1}' "$base/mizan/call/setGreeting")
  if [ -n "$tok" ] && [ "$status" = 200 ]; then echo "   ok   POST call/setGreeting with session cookie + Mizan-CSRF: 200"
  else echo "   FAIL POST call/setGreeting with CSRF token '${tok:0:8}...': $status"; ok=1; fi
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base/mizan/ctx/notes")
  local as_alice
  as_alice=$(curl -s -o /dev/null -w '%{http_code}' -u alice:alice-pw "$base/mizan/ctx/notes")
  if [ "$status" = 401 ] && [ "$as_alice" = 200 ]; then echo "   ok   GET mizan/ctx/notes: anonymous 401, alice (role user) 200"
  else echo "   FAIL GET mizan/ctx/notes: anonymous $status (want 401), alice $as_alice (want 200)"; ok=1; fi
  # the sample's <error-page> (docs/reference/security.md): the server's own answers name no server
  local page
  page=$(curl -s -w '\n%{http_code}' "$base/no-such-page")
  if [ "${page##*$'\n'}" = 404 ] && grep -q 'data-sample-error' <<<"$page" \
      && ! grep -qiE 'exception|wildfly|undertow|payara|glassfish|liberty' <<<"$page"; then
    echo "   ok   GET no-such-page: 404 with the sample's error page"
  else echo "   FAIL GET no-such-page: not the sample's error page: ${page:0:300}"; ok=1; fi
  rm -f "$jar" "$headers"
  return $ok
}

mp_check() { # openapi url, health url -> exit status 0 when both hold what hello declares
  local doc health
  # Payara Micro 6.2025.10's first /openapi can answer 500 (a NullPointerException in its own scanner's
  # visitNotBlank, on hello's scanning JAX-RS application); the next one answers: a few tries, each said
  for try in 1 2 3; do
    doc=$(curl -s -H 'Accept: application/json' "$1?format=JSON") || true
    [ "${doc:0:1}" = "{" ] && break
    echo "   $1 try $try did not answer JSON: ${doc:0:80}"; sleep 2
  done
  health=$(curl -s "$2") || true
  [ "${doc:0:1}" = "{" ] || echo "   $1 answered: ${doc:0:200}"
  [ "${health:0:1}" = "{" ] || echo "   $2 answered: ${health:0:200}"
  if python3 - "$doc" "$health" <<'PY'
import json, re, sys
doc, health = json.loads(sys.argv[1]), json.loads(sys.argv[2])
mizan = [c for c in health.get("checks", []) if c.get("name") == "mizan"]
assert mizan and mizan[0]["status"] == "UP", f"no mizan check UP in /health/ready: {health}"
# hello's operations, written out from samples/hello's annotations (HelloApi)
contexts = {"greeting": "public", "letters": "public", "notes": "user"}
functions = {"addNote": ["notes"], "exportGreeting": [], "login": [], "logout": [], "setGreeting": ["greeting"]}
paths = doc["paths"]
assert not [p for p in paths if "{" in p], f"a generic path is listed: {[p for p in paths if '{' in p]}"
def op(kind, name, method):
    found = [v[method] for p, v in paths.items() if p.endswith(f"/mizan/{kind}/{name}") and method in v]
    assert len(found) == 1, f"{method.upper()} /mizan/{kind}/{name}: {len(found)} operations"
    return found[0]
for name, scope in contexts.items():
    o = op("ctx", name, "get")
    assert o.get("x-mizan-scope") == scope and "x-mizan-cache" in o, f"{name}: {o.get('x-mizan-scope')}, cache {o.get('x-mizan-cache')}"
for name, stale in functions.items():
    o = op("call", name, "post")
    listed = sorted(i["context"] for i in o.get("x-mizan-invalidates", []))  # Payara leaves an empty list out
    assert listed == stale, f"{name} invalidates {listed}, hello says {stale}"
# hello's own resource stays outside /mizan: Mizan's Application is left out of the scan. Which of hello's
# own two Applications (api, and the pages' at the root) a scanner gives it varies: /api/greeting or /greeting
assert "/api/greeting" in paths or "/greeting" in paths, f"GreetingResource is not listed outside /mizan: {sorted(paths)}"
stray = [p for p in paths if p.startswith("/mizan") and not re.match(r"^/mizan/(ctx|call)/[^/{]+$", p)]
assert not stray, f"paths under /mizan that are no context or function: {stray}"
mizan_paths = [p for p in paths if "/mizan/" in p]
print(f"   ok   /health/ready: mizan UP; /openapi: {len(mizan_paths)} Mizan operations with their extensions, no generic path")
PY
  then return 0; else echo "   FAIL MicroProfile check ($1, $2)"; return 1; fi
}

results=()
record() { results+=("$(printf '%-8s %-14s %-5s %5ss' "$1" "$2" "$3" "$4")"); }

run_wildfly() {
  fetch_runtime "org.wildfly:wildfly-dist:$v_wildfly:zip" "$work"
  local home="$work/wildfly-$v_wildfly" offset=300
  rm -rf "$home"; unzip -q -o "$work/wildfly-dist-$v_wildfly.zip" -d "$work"
  etc/wildfly/configure.sh "$home" standalone-microprofile.xml   # integrated-jaspi=false: the app's own identity store is used
  local t0=$SECONDS
  cp "$war" "$home/standalone/deployments/"
  "$home/bin/standalone.sh" -c standalone-microprofile.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset=$offset >"$work/wildfly.log" 2>&1 &
  local base="http://127.0.0.1:$((8080 + offset))/hello" ok=0
  wait_for "$base/mizan/ctx/greeting" 120 || { echo "   FAIL not up; see $work/wildfly.log"; ok=1; }
  local up=$((SECONDS - t0))
  [ $ok = 0 ] && { check "$base" || ok=1; }
  [ $ok = 0 ] && { mp_check "http://127.0.0.1:$((8080 + offset))/openapi" "http://127.0.0.1:$((9990 + offset))/health/ready" || ok=1; }
  "$home/bin/jboss-cli.sh" --controller=127.0.0.1:$((9990 + offset)) --connect --command=:shutdown >/dev/null 2>&1 || true
  wait
  record wildfly "$v_wildfly" "$([ $ok = 0 ] && echo PASS || echo FAIL)" "$up"
  return $ok
}

run_liberty() {
  local server=mizanDropIn
  start_liberty "$work" "$server" "$war" 9080
  local base="http://127.0.0.1:9080/hello" ok=0
  wait_for "$base/mizan/ctx/greeting" 120 || { echo "   FAIL not up; see $work/liberty/wlp/usr/servers/$server/logs"; ok=1; }
  local up=$((SECONDS - RUNTIME_STARTED))
  [ $ok = 0 ] && { check "$base" || ok=1; }
  [ $ok = 0 ] && { mp_check "http://127.0.0.1:9080/openapi" "http://127.0.0.1:9080/health/ready" || ok=1; }
  stop_liberty "$work" "$server"
  record liberty "$v_liberty" "$([ $ok = 0 ] && echo PASS || echo FAIL)" "$up"
  return $ok
}

run_payara() {
  local port
  port=$(free_port)
  start_payara "$work" "$war" "$port"
  local base="http://127.0.0.1:$port/hello" ok=0
  wait_for "$base/mizan/ctx/greeting" 180 || { echo "   FAIL not up; see $work/payara.log"; ok=1; }
  local up=$((SECONDS - RUNTIME_STARTED))
  [ $ok = 0 ] && { check "$base" || ok=1; }
  [ $ok = 0 ] && { mp_check "http://127.0.0.1:$port/openapi" "http://127.0.0.1:$port/health/ready" || ok=1; }
  stop_payara
  record payara "$v_payara" "$([ $ok = 0 ] && echo PASS || echo FAIL)" "$up"
  return $ok
}

failed=0
for rt in "${runtimes[@]}"; do
  echo "== $rt: copy hello.war into its deployment folder, start, check"
  "run_$rt" || failed=1
done
echo
echo "runtime  version        drop-in  start-to-200"
printf '%s\n' "${results[@]}"
exit $failed
