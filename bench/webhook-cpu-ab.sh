#!/usr/bin/env bash
# Compares winfleet builds (or JVM options) by the CPU the webhook server spends per request, which
# other processes on a shared machine disturb far less than requests/s: each contender is started,
# warmed with `wrk -t1 -c16` for WARM seconds, then measured for DURATION seconds while the
# server's own user+system CPU time is read from /proc before and after. Contenders run in turn,
# ROUNDS times, so that a change in the machine's load hits all of them alike.
#
#   bench/webhook-cpu-ab.sh ROUNDS MODE LABEL=JAR[@JAVA_OPTS] LABEL=JAR[@JAVA_OPTS]...
#
# MODE is noop (--policy-mode=noop) or policy (--fleet bench/fleet-50.yaml). Prints one line per
# run: label, requests/s, p99, CPU ms per 1,000 requests, load average. Needs wrk, openssl, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="$1"; MODE="$2"; shift 2
WARM="${WINFLEET_BENCH_WARM:-8}"
DURATION="${WINFLEET_BENCH_DURATION:-5}"
export WINFLEET_BENCH_REVIEW="$PWD/winfleet-server/src/test/resources/dev/winfleet/server/reviews/pod-create-v1.json"
case "$MODE" in
  noop) ARGS=(--policy-mode=noop) ;;
  policy) ARGS=(--fleet bench/fleet-50.yaml) ;;
  *) echo "MODE is noop or policy" >&2; exit 2 ;;
esac
WORK="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ="$(getconf CLK_TCK)"

for round in $(seq 1 "$ROUNDS"); do
  for contender in "$@"; do
    label="${contender%%=*}"; rest="${contender#*=}"
    jar="${rest%%@*}"; opts=""; [ "$rest" != "$jar" ] && opts="${rest#*@}"
    port="$(free_port)"; dash="$(free_port)"
    # shellcheck disable=SC2086
    java -Xms256m -Xmx512m $opts -jar "$jar" serve --bind 127.0.0.1 --port "$port" \
      --dashboard-port "$dash" --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" "${ARGS[@]}" \
      >"$WORK/$label.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 600); do
      curl -fsk -o /dev/null "https://127.0.0.1:$port/healthz" 2>/dev/null && break
      sleep 0.05
    done
    url="https://127.0.0.1:$port/mutate"
    wrk -t1 -c16 -d"${WARM}s" -s bench/mutate.lua "$url" >/dev/null
    before="$(cpu_ticks "$PID")"
    line="$(wrk -t1 -c16 -d"${DURATION}s" --latency -s bench/mutate.lua "$url" | sed -n 's/^BENCH //p')"
    after="$(cpu_ticks "$PID")"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
    requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
    awk -v l="$label" -v r="$round" -v line="$line" -v t="$((after - before))" -v hz="$HZ" \
      -v n="$requests" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "round %d %-12s %s cpu_ms_per_1000=%.1f load=%s\n", r, l, line, 1000 * 1000 * t / hz / n, load }'
  done
done
