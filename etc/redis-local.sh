#!/bin/sh
# A Redis for a run that needs one, with no redis-cli (README "Running the tests"):
#   etc/redis-local.sh answers PORT     exit 0 when something answers PING on 127.0.0.1:PORT (NOAUTH counts)
#   etc/redis-local.sh call PORT CMD..  sends one command to 127.0.0.1:PORT and prints the reply as redis-cli
#                                       does when piped (an array one element a line); an error exits 1
#   etc/redis-local.sh start DIR PORT   prints the port of a Redis to use: PORT when one answers there, else a
#                                       free one where a redis-server (etc/redis-server.sh's) now runs, its
#                                       files and pid in DIR; it stops with the process that ran this
#                                       script (the Maven JVM, say) even when that one dies without `stop`;
#                                       MIZAN_REDIS_FIRST_PORT=N takes the first free port from N on
#   etc/redis-local.sh stop DIR         stops the redis-server `start` left in DIR, by its pid
#   etc/redis-local.sh forget PORT PREFIX
#                                       deletes every key under PREFIX on 127.0.0.1:PORT (a run's own, on a
#                                       Redis it shares: some keys, such as the backend's `server`, never expire)
set -eu
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "redis-local: $*" >&2; exit 1; }

# python3, which every machine building Mizan has (README): sh has no /dev/tcp
answers() {
  python3 - "$1" <<'PY'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2) as s:
        s.sendall(b"PING\r\n")
        reply = s.recv(64)
except OSError:
    sys.exit(1)
sys.exit(0 if reply.startswith(b"+PONG") or b"NOAUTH" in reply else 1)
PY
}

call() {
  python3 - "$@" <<'PY'
import socket, sys
port, args = int(sys.argv[1]), [a.encode() for a in sys.argv[2:]]
with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
    s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
    f = s.makefile("rb")
    def reply():
        line = f.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"-":
            sys.exit(rest.decode())
        if kind in (b"+", b":"):
            return [rest.decode()]
        if kind == b"$":
            n = int(rest)
            return [""] if n < 0 else [f.read(n + 2)[:-2].decode()]
        if kind == b"*":
            return [e for _ in range(max(int(rest), 0)) for e in reply()]
        sys.exit("not a Redis reply: %r" % line)
    print("\n".join(reply()))
PY
}

# one the system picks, or the first free one from MIZAN_REDIS_FIRST_PORT on (machines shared by several runs)
free_port() {
  python3 - "${MIZAN_REDIS_FIRST_PORT:-0}" <<'PY'
import socket, sys
first = int(sys.argv[1])
for port in ([0] if first == 0 else range(first, first + 1000)):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(s.getsockname()[1])
        sys.exit(0)
sys.exit("no free port from %d on" % first)
PY
}

case "${1:-}" in
  answers)
    [ $# -eq 2 ] || fail "usage: $0 answers PORT"
    answers "$2" ;;
  call)
    [ $# -ge 3 ] || fail "usage: $0 call PORT COMMAND [ARG...]"
    shift
    call "$@" ;;
  start)
    [ $# -eq 3 ] || fail "usage: $0 start DIR PORT"
    dir=$2 port=$3 owner=$PPID
    rm -f "$dir/redis.pid" # a build that died left it; its watchdog stopped that server
    if answers "$port"; then
      echo "redis-local: using the Redis that answers on 127.0.0.1:$port" >&2
      echo "$port"
      exit 0
    fi
    bin=$("$here/redis-server.sh" "$dir")
    port=$(free_port)
    mkdir -p "$dir"
    # every stream away from ours: a caller reading our output waits for nothing it started
    "$bin" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
      --logfile "$dir/redis-$port.log" </dev/null >/dev/null 2>&1 &
    pid=$!
    echo "$pid" > "$dir/redis.pid"
    # the watchdog: once the owner is gone (finished, failed, killed), so is this redis-server
    (while kill -0 "$owner" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 2; done; kill "$pid" 2>/dev/null) \
      </dev/null >/dev/null 2>&1 &
    i=0
    until answers "$port"; do
      i=$((i + 1))
      if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        fail "nothing answers on 127.0.0.1:$port, nor on the one started there ($bin): $(tail -5 "$dir/redis-$port.log" 2>/dev/null)"
      fi
      sleep 0.1
    done
    echo "redis-local: nothing answers on 127.0.0.1:$3; started $bin on 127.0.0.1:$port (pid $pid)" >&2
    echo "$port" ;;
  stop)
    [ $# -eq 2 ] || fail "usage: $0 stop DIR"
    if [ -f "$2/redis.pid" ]; then
      pid=$(cat "$2/redis.pid")
      rm -f "$2/redis.pid"
      kill "$pid" 2>/dev/null && echo "redis-local: stopped redis-server (pid $pid)" >&2 || true
    fi ;;
  forget)
    [ $# -eq 3 ] || fail "usage: $0 forget PORT PREFIX"
    case "$3" in *[*?[\\]*|"") fail "forget: not a plain key prefix: '$3'" ;; esac
    cursor=0 n=0
    while :; do
      reply=$(call "$2" SCAN "$cursor" MATCH "$3*" COUNT 1000)
      cursor=$(printf '%s\n' "$reply" | head -1)
      keys=$(printf '%s\n' "$reply" | tail -n +2)
      if [ -n "$keys" ]; then
        # the keys hold no spaces: a prefix, hex digests, {context} tags
        # shellcheck disable=SC2086
        call "$2" UNLINK $keys >/dev/null
        n=$((n + $(printf '%s\n' "$keys" | wc -l)))
      fi
      [ "$cursor" = 0 ] && break
    done
    echo "redis-local: deleted $n key(s) under $3 on 127.0.0.1:$2" >&2 ;;
  *) fail "usage: $0 answers PORT | call PORT COMMAND [ARG...] | start DIR PORT | stop DIR | forget PORT PREFIX" ;;
esac
