#!/usr/bin/env bash
# Soak test of winfleet's admission webhook (issue 17): runs `winfleet serve` with registry lookups
# on, against the 50-node fleet of bench/fleet-50.yaml, and drives it at a steady rate with mixed
# traffic for a long time:
#
#   - valid pods whose image tags say what they are (decide at once, must be placed/allowed),
#   - pods whose images sit on a registry that never answers (a loopback socket that accepts and
#     never replies), in another namespace, each with a new tag,
#   - hostile requests: malformed JSON, wrong content type, oversized bodies, and idle TLS
#     connections held open.
#
# It checks that every valid pod is decided within the budget (default 1000 ms) and allowed, and
# samples the server's RSS; at the end it prints the latency percentiles of valid pods, the RSS at
# the start (after warm-up) and at the end, and exits 1 when a valid pod missed the budget or RSS
# grew by more than 25 %.
#
#   bench/soak.sh [DURATION_SECONDS] [RATE_PER_SECOND]       (default 3600 s at 50 req/s)
#   bench/soak.sh 150 50                                      (a short run: 2.5 minutes)
#
# Needs openssl, python3 and a JDK. Builds winfleet.jar when it is missing. Not a test: run it by
# hand and report the figures with the command.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-3600}"
RATE="${2:-50}"
BUDGET_MS="${WINFLEET_SOAK_BUDGET_MS:-1000}"
PORT="${WINFLEET_SOAK_PORT:-18643}"
JAR=winfleet-cli/target/winfleet.jar

for tool in openssl java python3; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is missing; run .ci/install-deps" >&2; exit 2; }
done
if [ ! -f "$JAR" ]; then
  echo "soak: building $JAR" >&2
  ./mvnw -q -pl winfleet-cli -am package -DskipTests
fi

WORK="$(mktemp -d)"
SERVER_PID=""
DEAD_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$DEAD_PID" ]; then kill "$DEAD_PID" 2>/dev/null || true; wait "$DEAD_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

# The dead registry: accepts every connection and never writes a byte.
python3 - "$WORK/dead.port" <<'PY' &
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(1024)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    c, _ = s.accept(); held.append(c)
PY
DEAD_PID=$!
for _ in $(seq 1 50); do [ -s "$WORK/dead.port" ] && break; sleep 0.1; done
DEAD="127.0.0.1:$(cat "$WORK/dead.port")"

# A fixed, pre-touched heap: the RSS then grows only when something outside the heap leaks, and
# the live heap (after a full GC, at warm-up and at the end) shows a leak inside it.
java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -Xlog:gc,safepoint:file="$WORK/server-gc.log":uptime \
  -jar "$JAR" serve --bind 127.0.0.1 --port "$PORT" --dashboard-port 0 \
  --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" --fleet bench/fleet-50.yaml \
  --registry-timeout 2s >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
# Traffic starts when the server is ready, as a Service sends it traffic once its readiness probe
# passes (serve warms its policy up before it listens).
for _ in $(seq 1 200); do
  if curl -fsk "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -fsk "https://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

echo "winfleet soak: ${DURATION}s at ${RATE} req/s, valid-pod budget ${BUDGET_MS} ms, dead registry $DEAD, $(nproc) cores"
CLIENT_START_MS=$(( $(date +%s%N) / 1000000 ))
SERVER_START_MS=$(( $(stat -c %Y "/proc/$SERVER_PID") * 1000 ))
rc=0
java -Xmx512m -Xlog:gc:file="$WORK/client-gc.log":uptime bench/Soak.java \
  "https://127.0.0.1:$PORT" "$DEAD" "$DURATION" "$RATE" "$BUDGET_MS" "$SERVER_PID" || rc=$?
# Pauses over 100 ms in either JVM, to line up with late pods (client seconds; the server's log
# counts from its own start, about $(( (CLIENT_START_MS - SERVER_START_MS) / 1000 )) s earlier).
for log in server-gc client-gc; do
  awk -v who="$log" '
    /Pause/ && $NF ~ /ms$/ { v = $NF; sub(/ms$/, "", v); if (v + 0 > 100) { n++; if (n <= 10) print "  " who " pause > 100 ms: " $0 } }
    /Safepoint/ && $NF == "ns" { if ($(NF - 1) + 0 > 100000000) { n++; if (n <= 10) print "  " who " safepoint > 100 ms: " $0 } }
    END { printf "  %s: %d pauses over 100 ms\n", who, n }' "$WORK/$log.log"
done
exit $rc
