#!/usr/bin/env bash
# Benchmarks winfleet's admission webhook against nginx on the same machine, in one run: the same
# POST /mutate (a real AdmissionReview, a Windows pod CREATE) over the same HTTPS keep-alive load
# (wrk -t1 -c16), answered by
#   1. nginx, with a static AdmissionReview from `return 200` (the machine's ceiling for HTTPS);
#   2. `winfleet serve --policy-mode=noop` (winfleet's stack alone: TLS, HTTP, JSON, no policy);
#   3. `winfleet serve --fleet bench/fleet-50.yaml` (the real policy: rules and placement).
# and prints the three ratios the issue sets goals for (issue 21):
#   noop/nginx requests/s (goal >= 0.5), policy/noop requests/s (goal >= 0.8),
#   policy p99 / nginx p99 (goal <= 3),
# and for each winfleet phase the warm-up curve: requests/s in each 1 s window counted from the
# moment the JVM was started, and when it first reached 90% of its steady rate (goal <= 5 s).
#
#   bench/webhook-bench.sh [DURATION_SECONDS]      (default 5: whole run about 70 s)
#
# Env: WINFLEET_BENCH_CURVE (seconds of warm-up curve per winfleet phase, default 20),
#      WINFLEET_BENCH_POLICY_ARGS (default "--fleet bench/fleet-50.yaml"),
#      WINFLEET_BENCH_JAVA_OPTS (extra JVM options for both winfleet phases),
#      WINFLEET_BENCH_JAR (another winfleet.jar, e.g. an older build to compare),
#      WINFLEET_BENCH_CDS (1, the default: run with a class-data archive of serve as ./winfleet
#        serve does, made by one untimed run first; 0: without one).
#
# Needs wrk, nginx, openssl and curl (.ci/install-deps installs them) and a JDK. Builds
# winfleet.jar when it is missing. Not a test: run it by hand and report the figures with the
# command and the load average it prints (the machine is shared; ratios measured side by side are
# what carries, absolute figures do not).
#
# How the curve is taken: wrk runs for 1 s at a time, back to back, from the JVM's start; each
# window opens 16 fresh TLS connections, so a window's rate is a little below a long run's. The
# first windows before the port answers count 0. The steady rate is the later long run's.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-5}"
CURVE="${WINFLEET_BENCH_CURVE:-20}"
JAR="${WINFLEET_BENCH_JAR:-winfleet-cli/target/winfleet.jar}"
export WINFLEET_BENCH_REVIEW="$PWD/winfleet-server/src/test/resources/dev/winfleet/server/reviews/pod-create-v1.json"
POLICY_ARGS="${WINFLEET_BENCH_POLICY_ARGS:---fleet bench/fleet-50.yaml}"
WRK=(wrk -t1 -c16)
CDS="${WINFLEET_BENCH_CDS:-1}"

for tool in wrk nginx openssl curl java; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
    || { echo "bench: $tool is missing; run .ci/install-deps" >&2; exit 2; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
if [ ! -f "$JAR" ]; then
  echo "bench: building $JAR" >&2
  ./mvnw -q -pl winfleet-cli -am package -DskipTests
fi

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
field() { # LINE NAME -> value of NAME=value
  sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

measure() { # URL -> "requests_per_second=... p50_ms=... p99_ms=..."
  "${WRK[@]}" -d"${DURATION}s" --latency -s bench/mutate.lua "$1" | grep '^BENCH' | sed 's/^BENCH //'
}

wait_ready() { # URL LOG
  for _ in $(seq 1 200); do
    curl -fsk -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  cat "$2" >&2
  echo "bench: the server did not answer $1" >&2
  exit 1
}

# ---- 1. nginx: a static AdmissionReview over the same TLS ----
nginx_phase() {
  local port; port="$(free_port)"
  local uid; uid="$(sed -n 's/.*"uid": *"\([0-9a-f-]*\)".*/\1/p' "$WINFLEET_BENCH_REVIEW" | head -1)"
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      default_type application/json;
      return 200 '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"$uid","allowed":true}}';
    }
  }
}
EOF
  "$NGINX" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/out.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_ready "https://127.0.0.1:$port/" "$WORK/nginx/error.log"
  "${WRK[@]}" -d2s -s bench/mutate.lua "https://127.0.0.1:$port/mutate" >/dev/null
  echo "nginx $(measure "https://127.0.0.1:$port/mutate") load=$(load | tr ' ' '/')"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# As ./winfleet serve: a class-data archive of what serving loads, made by an untimed run.
CDS_OPTS=()
if [ "$CDS" = 1 ]; then
  cds_port="$(free_port)"
  java -Xlog:disable -Xlog:all=warning,cds*=off:stderr -XX:ArchiveClassesAtExit="$WORK/serve.jsa" \
    -jar "$JAR" serve --bind 127.0.0.1 --port "$cds_port" --tls-cert "$WORK/tls.crt" \
    --tls-key "$WORK/tls.key" $POLICY_ARGS >"$WORK/cds.log" 2>&1 &
  cds_pid=$!
  PIDS+=("$cds_pid")
  wait_ready "https://127.0.0.1:$cds_port/healthz" "$WORK/cds.log"
  "${WRK[@]}" -d1s -s bench/mutate.lua "https://127.0.0.1:$cds_port/mutate" >/dev/null
  kill "$cds_pid"; wait "$cds_pid" 2>/dev/null || true
  CDS_OPTS=(-XX:SharedArchiveFile="$WORK/serve.jsa")
fi

# ---- 2, 3. winfleet: the warm-up curve from the JVM's start, then the steady rate ----
winfleet_phase() { # NAME ARGS...
  local name="$1"; shift
  local port; port="$(free_port)"
  local url="https://127.0.0.1:$port/mutate"
  local t0; t0="$(now_ms)"
  # shellcheck disable=SC2086
  java -Xms256m -Xmx512m "${CDS_OPTS[@]}" ${WINFLEET_BENCH_JAVA_OPTS:-} -jar "$JAR" serve --bind 127.0.0.1 \
    --port "$port" --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" "$@" \
    >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  # Ready as the kubelet's readiness probe sees it (a Service sends it traffic from then on), then
  # one wrk run counting answers per second.
  for _ in $(seq 1 600); do
    curl -fsk -o /dev/null "https://127.0.0.1:$port/readyz" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.05
  done
  local ready=$(( $(now_ms) - t0 ))
  local left=$(( CURVE - ready / 1000 ))
  [ "$left" -lt 1 ] && left=1
  "${WRK[@]}" -d"${left}s" --timeout 10s -s bench/warmup.lua "$url" | grep '^CURVE' >"$WORK/$name.curve" || true
  local steady; steady="$(measure "$url")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$name $steady load=$(load | tr ' ' '/')"
  local rate; rate="$(field "$steady" requests_per_second)"
  echo "  $name answered /readyz $((ready))ms after the JVM started (serve warms its policy up before it listens)"
  # Whole seconds since the JVM start (t0 rounded down to its second), answers in each.
  awk -v t0="$((t0 / 1000))" -v rate="$rate" -v name="$name" -v curve="$CURVE" '
    { n[$2 - t0] = $3; if ($2 - t0 > last) last = $2 - t0 }
    END {
      for (t = 0; t <= last && t < curve; t++) {
        r = n[t] + 0
        printf "  %s warm-up second %2d-%2d: %7d answers (%3.0f%% of steady)\n", name, t, t + 1, r, 100 * r / rate
        if (reached == "" && r >= 0.9 * rate) reached = t + 1
      }
      printf "  %s: first second at 90%% of its steady %.0f req/s ended %s after the JVM start (goal <= 5 s)\n",
        name, rate, reached == "" ? "never within the curve" : reached " s"
    }' "$WORK/$name.curve"
}

echo "winfleet webhook benchmark: POST /mutate, HTTPS keep-alive, ${WRK[*]} -d${DURATION}s per phase, class-data archive $([ "$CDS" = 1 ] && echo on || echo off), $(nproc) cores, load $(load), $(java -version 2>&1 | head -1)"
# Each phase runs in this shell (not in $(...)) so that the exit trap stops its server.
nginx_phase >"$WORK/nginx.out"; cat "$WORK/nginx.out"
winfleet_phase noop --policy-mode=noop >"$WORK/noop.out"; cat "$WORK/noop.out"
# shellcheck disable=SC2086
winfleet_phase policy $POLICY_ARGS >"$WORK/policy.out"; cat "$WORK/policy.out"

NGINX_LINE="$(head -1 "$WORK/nginx.out")"
NOOP_LINE="$(head -1 "$WORK/noop.out")"; POLICY_LINE="$(head -1 "$WORK/policy.out")"
awk -v n="$(field "$NGINX_LINE" requests_per_second)" -v np="$(field "$NGINX_LINE" p99_ms)" \
    -v o="$(field "$NOOP_LINE" requests_per_second)" \
    -v p="$(field "$POLICY_LINE" requests_per_second)" -v pp="$(field "$POLICY_LINE" p99_ms)" 'BEGIN {
  printf "ratio noop/nginx requests/s:   %.3f (goal >= 0.5)  %s\n", o / n, (o / n >= 0.5 ? "met" : "NOT met")
  printf "ratio policy/noop requests/s:  %.3f (goal >= 0.8)  %s\n", p / o, (p / o >= 0.8 ? "met" : "NOT met")
  printf "ratio policy p99 / nginx p99:  %.2f (goal <= 3)    %s\n", pp / np, (pp / np <= 3 ? "met" : "NOT met")
}'
echo "load at the end: $(load)"
