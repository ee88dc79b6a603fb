#!/usr/bin/env bash
# What Mizan adds to deployment time, and how slow its first request is.
#
# Generates an application of OPS operations (a fifth contexts, the rest functions with @Invalidates,
# ten per bean class) plus one plain JAX-RS resource, and builds two WARs of the same classes: one
# with Mizan's jars and a mizan.secret, one without Mizan. On one WildFly it deploys and undeploys
# them alternately, ROUNDS times per size (first side alternating too), and reads each deployment's
# time from the server log (WFLYSRV0027 "Starting deployment" to WFLYSRV0010 "Deployed"). After each
# Mizan deployment it times the first and the tenth request of a context (curl's time_total). Prints
# the medians per size and the added time, and the server JVM's CPU time during each deploy command
# (steadier than wall time on a loaded machine). Targets: < 200 ms added for 1,000 operations, first
# request no slower than the tenth by more than 20 ms.
# Two more WARs of the same classes, deployed in the same rotation, say where the added time goes:
# "noinv" (Mizan's jars, the @Invalidates lines left out: what Mizan costs without interception) and
# "tx" (no Mizan, @jakarta.transaction.Transactional where @Invalidates was: what Weld's interception
# of the same methods costs with the server's own interceptor, nothing of Mizan's involved).
#   SIZES="100 1000" ROUNDS=5 OFFSET=2000 MAVEN_ARGS="-Dmaven.repo.local=..." bench/deploy-cost.sh
# Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${SIZES:-100 1000}"; rounds="${ROUNDS:-5}"; offset="${OFFSET:-0}"
read -r -a mvn_args <<<"${MAVEN_ARGS:-}"
http=$((8080 + offset)); management=$((9990 + offset))
work=bench/target/deploy-cost; mkdir -p "$work"
wildfly_version=$(sed -n 's:.*<version.wildfly>\(.*\)</version.wildfly>.*:\1:p' pom.xml)

# The jars every Mizan application carries: mizan-jaxrs and its runtime dependencies (the API, the
# extension, Caffeine, the JCS library). Not samples/hello's WEB-INF/lib: that one adds the Redis and
# SSR modules (and Jedis, commons-pool2), which are optional and would be measured as Mizan's cost.
echo "building the Mizan jars (mizan-jaxrs and its runtime dependencies) ..."
lib="$work/lib"; rm -rf "$lib"; mkdir -p "$lib"
mvn -B -q "${mvn_args[@]}" package -pl mizan-jaxrs -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
mvn -B -q "${mvn_args[@]}" dependency:copy-dependencies -pl mizan-jaxrs -DincludeScope=runtime -DoutputDirectory="$PWD/$lib"
cp mizan-jaxrs/target/mizan-jaxrs-*[0-9T].jar "$lib/"
repo="$HOME/.m2/repository"
for a in "${mvn_args[@]}"; do case "$a" in -Dmaven.repo.local=*) repo="${a#-Dmaven.repo.local=}";; esac; done
ee_api=$(find "$repo/jakarta/platform/jakarta.jakartaee-api/10.0.0" -name 'jakarta.jakartaee-api-10.0.0.jar' | head -1)
[ -n "$ee_api" ] || { echo "jakarta.jakartaee-api 10.0.0 is not in $repo" >&2; exit 1; }

home="$work/wildfly-$wildfly_version"
if [ ! -d "$home" ]; then
  zip="$repo/org/wildfly/wildfly-dist/$wildfly_version/wildfly-dist-$wildfly_version.zip"
  [ -f "$zip" ] || { echo "no $zip: run mvn verify once (it fetches WildFly)" >&2; exit 1; }
  unzip -q "$zip" -d "$work"
fi

generate() { # $1 = number of operations; writes $work/src-$1
  python3 - "$1" "$work/src-$1" <<'PY'
import os, sys
ops, out = int(sys.argv[1]), sys.argv[2]
pkg = os.path.join(out, "bench")
os.makedirs(pkg, exist_ok=True)
per_class = 10
for c in range(ops // per_class):
    lines = ["package bench;", "import dev.mizan.*;", "import jakarta.enterprise.context.ApplicationScoped;",
             "import java.util.List;", "@ApplicationScoped", f"public class Ops{c} {{"]
    for j in range(2):
        lines.append(f'    @MizanContext(value = "c{c}_{j}", scope = Scope.PUBLIC)')
        lines.append(f'    public List<String> c{c}_{j}(@Param("id") long id) {{ return List.of("c{c}_{j}", String.valueOf(id)); }}')
    for j in range(per_class - 2):
        lines.append("    @MizanFunction")
        lines.append(f'    @Invalidates(value = "c{c}_{j % 2}", params = "id")')
        lines.append(f'    public String f{c}_{j}(@Param("id") long id, @Param("text") String text) {{ return text; }}')
    lines.append("}")
    open(os.path.join(pkg, f"Ops{c}.java"), "w").write("\n".join(lines) + "\n")
open(os.path.join(pkg, "PingResource.java"), "w").write(
    "package bench;\nimport jakarta.ws.rs.*;\n@Path(\"ping\")\npublic class PingResource {\n"
    "    @GET @Produces(\"text/plain\") public String ping() { return \"pong\"; }\n}\n")
open(os.path.join(pkg, "BenchApplication.java"), "w").write(
    "package bench;\nimport jakarta.ws.rs.*;\n@ApplicationPath(\"api\")\n"
    "public class BenchApplication extends jakarta.ws.rs.core.Application { }\n")
PY
}

compile() { # $1 = source dir, $2 = classes dir
  rm -rf "$2"; mkdir -p "$2"
  javac -parameters -d "$2" -cp "$ee_api:$(ls $lib/mizan-api-*.jar)" $(find "$1" -name '*.java') 2>&1 | grep -v '^Note:' || true
}

build() { # $1 = ops: writes $work/{mizan,plain,noinv,tx}-$1.war
  local n=$1 src="$work/src-$1" variant
  rm -rf "$src"; generate "$n"
  # mizan and plain share the generated classes; noinv and tx are each one sed over a copy of them
  compile "$src" "$work/classes-$n"
  for variant in noinv tx; do
    rm -rf "$src-$variant"; cp -r "$src" "$src-$variant"
    case "$variant" in
      noinv) find "$src-$variant" -name '*.java' -exec sed -i '/@Invalidates/d' {} + ;;
      tx) find "$src-$variant" -name '*.java' -exec sed -i 's/@Invalidates(.*)/@jakarta.transaction.Transactional/' {} + ;;
    esac
    compile "$src-$variant" "$work/classes-$variant-$n"
  done
  local side
  for side in mizan plain noinv tx; do
    local root="$work/war-$side-$n" classes="$work/classes-$n"
    case "$side" in noinv|tx) classes="$work/classes-$side-$n" ;; esac
    rm -rf "$root"; mkdir -p "$root/WEB-INF/classes/META-INF"
    cp -r "$classes/." "$root/WEB-INF/classes/"
    if [ "$side" = mizan ] || [ "$side" = noinv ]; then
      mkdir -p "$root/WEB-INF/lib"; cp "$lib"/*.jar "$root/WEB-INF/lib/"
      echo "mizan.secret=deploy-cost-bench-secret-0123456789" > "$root/WEB-INF/classes/META-INF/microprofile-config.properties"
    fi
    (cd "$root" && jar cf "../$side-$n.war" .)
  done
}

cli() { "$home/bin/jboss-cli.sh" --controller="127.0.0.1:$management" --connect --command="$1" >/dev/null; }
log="$home/standalone/log/server.log"

deploy_ms() { # $1 = war path: deploys it and prints its deployment time from the server log
  local war=$1 name; name=$(basename "$1")
  local mark; mark=$(wc -l <"$log")
  cli "deploy $war --force"
  tail -n +"$((mark + 1))" "$log" | python3 -c '
import re, sys
from datetime import datetime
name = sys.argv[1]; start = end = None
for line in sys.stdin:
    t = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})", line)
    if not t: continue
    ts = datetime.strptime(t.group(1), "%Y-%m-%d %H:%M:%S,%f")
    if "WFLYSRV0027" in line and name in line: start = ts
    if "WFLYSRV0010" in line and name in line: end = ts
if start is None or end is None: sys.exit("no deployment lines for " + name)
print(int((end - start).total_seconds() * 1000))' "$name"
}

# The server JVM's CPU time in ms (user + system, from /proc): on a loaded machine the deployment's
# wall time grows with the load, its CPU time much less.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$jvm/stat"; }

request_ms() { # a status other than 200 stops the run, saying which
  curl -s -o /dev/null -w '%{http_code} %{time_total}' "$1" \
    | awk -v url="$1" '{ if ($1 != 200) { print "HTTP " $1 " from " url > "/dev/stderr"; exit 1 } printf "%.1f", $2 * 1000 }'
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "starting WildFly $wildfly_version (port offset $offset) ..."
nohup "$home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 -Djboss.socket.binding.port-offset="$offset" \
  >"$work/wildfly.out" 2>&1 &
server=$!
trap 'cli ":shutdown" 2>/dev/null || kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do cli ":read-attribute(name=server-state)" 2>/dev/null && break; sleep 1; done
jvm=$(pgrep -P "$server" -x java)

m() { median ${ms_of[$1]}; } # the median deploy time of side $1 at the current size
minus() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; } # medians of an even count end in .5
sides="plain mizan noinv tx"
for n in $sizes; do
  echo "== $n operations =="
  build "$n"
  # one warm-up of each: the server's own first deployment costs more whatever it deploys
  for side in $sides; do deploy_ms "$work/$side-$n.war" >/dev/null; cli "undeploy $side-$n.war"; done
  declare -A ms_of=() cpu_of=()
  first=(); tenth=(); plain_first=()
  for i in $(seq 1 "$rounds"); do
    # the order rotates by one side each round, so each side is deployed after each other side
    read -r -a order <<<"$sides"; k=$(( (i - 1) % ${#order[@]} ))
    order=("${order[@]:k}" "${order[@]:0:k}")
    for side in "${order[@]}"; do
      c0=$(cpu_ms); ms=$(deploy_ms "$work/$side-$n.war"); cpu=$(($(cpu_ms) - c0))
      ms_of[$side]+="$ms "; cpu_of[$side]+="$cpu "
      extra=""
      if [ "$side" = mizan ]; then
        url="http://127.0.0.1:$http/mizan-$n/mizan/ctx/c0_0?id=1"
        f=$(request_ms "$url"); for _ in $(seq 2 9); do request_ms "$url" >/dev/null; done; t=$(request_ms "$url")
        first+=("$f"); tenth+=("$t"); extra="   first request $f ms, tenth $t ms"
      elif [ "$side" = plain ]; then
        plain_first+=("$(request_ms "http://127.0.0.1:$http/plain-$n/api/ping")"); extra="   first JAX-RS request ${plain_first[-1]} ms"
      fi
      cli "undeploy $side-$n.war"
      printf '  round %d %-5s deploy %5d ms (server CPU %5d ms)%s\n' "$i" "$side" "$ms" "$cpu" "$extra"
    done
  done
  printf '%d ops: median deploy without Mizan %s ms, with Mizan %s ms, added %s ms (target < 200 ms at 1000 ops)\n' \
    "$n" "$(m plain)" "$(m mizan)" "$(minus "$(m mizan)" "$(m plain)")"
  printf '%d ops: where it goes: Mizan without @Invalidates adds %s ms (median %s ms); without Mizan, Weld intercepting the same methods with @Transactional adds %s ms (median %s ms)\n' \
    "$n" "$(minus "$(m noinv)" "$(m plain)")" "$(m noinv)" "$(minus "$(m tx)" "$(m plain)")" "$(m tx)"
  printf '%d ops: median server CPU during the deploy command: without Mizan %s ms, with Mizan %s ms, Mizan without @Invalidates %s ms, @Transactional without Mizan %s ms\n' \
    "$n" "$(median ${cpu_of[plain]})" "$(median ${cpu_of[mizan]})" "$(median ${cpu_of[noinv]})" "$(median ${cpu_of[tx]})"
  printf '%d ops: median first Mizan request %s ms, tenth %s ms (target: first <= tenth + 20 ms); first plain JAX-RS request %s ms\n' \
    "$n" "$(median "${first[@]}")" "$(median "${tenth[@]}")" "$(median "${plain_first[@]}")"
done
