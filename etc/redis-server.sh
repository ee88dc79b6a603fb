#!/bin/sh
# The one place that picks the redis-server the build's tests and the scripts run; README "Running the
# tests" and docs/how-to/redis.md. Prints its path on stdout and which one it took on stderr. In order:
#   1. MIZAN_REDIS_SERVER: a path to a redis-server, or `embedded` for the jar's one (3.);
#   2. redis-server on the PATH (Debian's package, for one);
#   3. the redis-server 6.2 that com.github.codemonstur:embedded-redis ships inside its jar on Maven
#      Central (version.embedded-redis in the root pom), for Linux and macOS on x64 and arm64: taken from
#      DIR (the build unpacks it there with maven-dependency-plugin), else unpacked into DIR from the
#      Maven repository (MAVEN_REPO, default ~/.m2/repository; `mvn dependency:copy` fetches the jar
#      when it is not there yet).
# A redis-server that does not start fails with the reason; nothing falls back silently past it.
# Usage: etc/redis-server.sh [DIR]   (DIR defaults to target/redis under the project root)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/target/redis}

fail() { echo "redis-server: $*" >&2; exit 1; }

embedded() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) name=redis-server-6.2.6-v5-linux-amd64 ;;
    Linux-aarch64|Linux-arm64) name=redis-server-6.2.7-linux-arm64 ;;
    Darwin-x86_64) name=redis-server-6.2.6-v5-darwin-amd64 ;;
    Darwin-arm64) name=redis-server-6.2.6-v5-darwin-arm64 ;;
    *) fail "$1, and embedded-redis ships no redis-server for $(uname -s) $(uname -m): set MIZAN_REDIS_SERVER to one" ;;
  esac
  if [ ! -f "$dir/$name" ]; then
    version=$(sed -n 's:.*<version.embedded-redis>\(.*\)</version.embedded-redis>.*:\1:p' "$root/pom.xml")
    [ -n "$version" ] || fail "no <version.embedded-redis> in $root/pom.xml"
    repo=${MAVEN_REPO:-$HOME/.m2/repository}
    jar=$repo/com/github/codemonstur/embedded-redis/$version/embedded-redis-$version.jar
    if [ ! -f "$jar" ]; then
      echo "redis-server: fetching com.github.codemonstur:embedded-redis:$version into $repo" >&2
      mvn -B -q -N -f "$root/pom.xml" -Dmaven.repo.local="$repo" dependency:get \
        -Dartifact="com.github.codemonstur:embedded-redis:$version" >&2 \
        || fail "$1, and mvn could not fetch com.github.codemonstur:embedded-redis:$version"
    fi
    mkdir -p "$dir"
    # into a file of its own first, then renamed: a run stopped halfway leaves no partial binary
    python3 -c 'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
      "$jar" "$name" "$dir/$name.$$" || fail "cannot unpack $name from $jar"
    mv "$dir/$name.$$" "$dir/$name"
  fi
  chmod +x "$dir/$name"
  echo "$dir/$name"
}

if [ "${MIZAN_REDIS_SERVER:-}" = embedded ]; then
  bin=$(embedded "MIZAN_REDIS_SERVER=embedded")
  from="com.github.codemonstur:embedded-redis"
elif [ -n "${MIZAN_REDIS_SERVER:-}" ]; then
  bin=$MIZAN_REDIS_SERVER
  from=MIZAN_REDIS_SERVER
elif bin=$(command -v redis-server); then
  from="the PATH"
else
  bin=$(embedded "MIZAN_REDIS_SERVER is not set and no redis-server is on the PATH")
  from="com.github.codemonstur:embedded-redis"
fi
version=$("$bin" --version 2>&1) || fail "the one from $from at $bin does not start: $version"
echo "redis-server: ${version%% sha=*} from $from ($bin)" >&2
echo "$bin"
