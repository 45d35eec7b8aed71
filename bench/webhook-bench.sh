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
# and for each winfleet server the warm-up curve: requests/s in each 1 s window counted from the
# moment its JVM was started, and when it first reached 90% of its steady rate (goal <= 5 s).
#
# The three servers stay up side by side; after the warm-up curves, the steady rates are measured
# in ROUNDS rounds, each round running all three in turn (the order rotates from round to round),
# so that a slow stretch of a shared machine hits all three alike. Medians over the rounds make the
# ratios; each round's own ratios are printed too, to show how far the machine moved them.
#
#   bench/webhook-bench.sh [DURATION_SECONDS]      (default 5: whole run about 100 s)
#
# Env: WINFLEET_BENCH_ROUNDS (rounds of steady measurement, default 3),
#      WINFLEET_BENCH_CURVE (seconds of warm-up curve per winfleet phase, default 20),
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
# How the curve is taken: from /readyz on, one wrk run counts the answers in each wall-clock second
# (bench/warmup.lua); the seconds before the server is ready count 0. The steady rate is the
# median of the later rounds.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-5}"
CURVE="${WINFLEET_BENCH_CURVE:-20}"
ROUNDS="${WINFLEET_BENCH_ROUNDS:-3}"
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
declare -A URL READY
start_nginx() {
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
  PIDS+=("$!")
  wait_ready "https://127.0.0.1:$port/" "$WORK/nginx/error.log"
  "${WRK[@]}" -d2s -s bench/mutate.lua "https://127.0.0.1:$port/mutate" >/dev/null
  URL[nginx]="https://127.0.0.1:$port/mutate"
}

# As ./winfleet serve: a class-data archive of what serving loads, made by an untimed run.
CDS_OPTS=()
if [ "$CDS" = 1 ]; then
  cds_port="$(free_port)"
  # shellcheck disable=SC2086
  java -Xlog:disable -Xlog:all=warning,cds*=off:stderr -XX:ArchiveClassesAtExit="$WORK/serve.jsa" \
    -jar "$JAR" serve --bind 127.0.0.1 --port "$cds_port" --tls-cert "$WORK/tls.crt" \
    --tls-key "$WORK/tls.key" --no-dashboard $POLICY_ARGS >"$WORK/cds.log" 2>&1 &
  cds_pid=$!
  PIDS+=("$cds_pid")
  wait_ready "https://127.0.0.1:$cds_port/healthz" "$WORK/cds.log"
  "${WRK[@]}" -d1s -s bench/mutate.lua "https://127.0.0.1:$cds_port/mutate" >/dev/null
  kill "$cds_pid"; wait "$cds_pid" 2>/dev/null || true
  CDS_OPTS=(-XX:SharedArchiveFile="$WORK/serve.jsa")
fi

# ---- 2, 3. winfleet: started alone, its warm-up curve from the JVM's start; then left running ----
start_winfleet() { # NAME ARGS...
  local name="$1"; shift
  local port; port="$(free_port)"
  local url="https://127.0.0.1:$port/mutate"
  local t0; t0="$(now_ms)"
  # No dashboard: two servers run side by side, and it is not on the admission path. The serial
  # collector, as the container image and ./winfleet serve run it.
  # shellcheck disable=SC2086
  java -Xms256m -Xmx512m -XX:+UseSerialGC "${CDS_OPTS[@]}" ${WINFLEET_BENCH_JAVA_OPTS:-} -jar "$JAR" serve --bind 127.0.0.1 \
    --port "$port" --tls-cert "$WORK/tls.crt" --tls-key "$WORK/tls.key" --no-dashboard "$@" \
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
  READY[$name]=$(( $(now_ms) - t0 ))
  local left=$(( CURVE - READY[$name] / 1000 ))
  [ "$left" -lt 1 ] && left=1
  "${WRK[@]}" -d"${left}s" --timeout 10s -s bench/warmup.lua "$url" | grep '^CURVE' >"$WORK/$name.curve" || true
  echo "$((t0 / 1000))" >"$WORK/$name.t0"
  URL[$name]="$url"
}

curve() { # NAME STEADY_RATE
  local name="$1" rate="$2"
  echo "  $name answered /readyz ${READY[$name]}ms after the JVM started (serve warms its policy up before it listens)"
  # Whole seconds since the JVM start (t0 rounded down to its second), answers in each.
  awk -v t0="$(cat "$WORK/$name.t0")" -v rate="$rate" -v name="$name" -v curve="$CURVE" '
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

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
med() { # NAME FIELD -> its median over the rounds
  awk -v n="$1" -v f="$2" '$2 == n { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' \
    "$WORK/rounds" | median
}

echo "winfleet webhook benchmark: POST /mutate, HTTPS keep-alive, ${WRK[*]} -d${DURATION}s per server and round, $ROUNDS rounds, class-data archive $([ "$CDS" = 1 ] && echo on || echo off), $(nproc) cores, load $(load), $(java -version 2>&1 | head -1)"
start_nginx
start_winfleet noop --policy-mode=noop
# shellcheck disable=SC2086
start_winfleet policy $POLICY_ARGS

# ---- steady rates: all three in each round, in an order that rotates ----
NAMES=(nginx noop policy)
: >"$WORK/rounds"
for round in $(seq 1 "$ROUNDS"); do
  for k in 0 1 2; do
    name="${NAMES[$(( (round - 1 + k) % 3 ))]}"
    line="$(measure "${URL[$name]}")"
    echo "$round $name $line" >>"$WORK/rounds"
    echo "round $round $name $line load=$(load | tr ' ' '/')"
  done
  awk -v r="$round" '$1 == r { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2, kv[1]] = kv[2] } }
    END { printf "round %d ratios: noop/nginx %.3f, policy/noop %.3f, policy p99 / nginx p99 %.2f\n", r,
      v["noop", "requests_per_second"] / v["nginx", "requests_per_second"],
      v["policy", "requests_per_second"] / v["noop", "requests_per_second"],
      v["policy", "p99_ms"] / v["nginx", "p99_ms"] }' "$WORK/rounds"
done
for name in "${NAMES[@]}"; do
  echo "$name median of $ROUNDS rounds: requests_per_second=$(med "$name" requests_per_second) p50_ms=$(med "$name" p50_ms) p99_ms=$(med "$name" p99_ms)"
done
curve noop "$(med noop requests_per_second)"
curve policy "$(med policy requests_per_second)"

awk -v n="$(med nginx requests_per_second)" -v np="$(med nginx p99_ms)" \
    -v o="$(med noop requests_per_second)" \
    -v p="$(med policy requests_per_second)" -v pp="$(med policy p99_ms)" 'BEGIN {
  printf "ratio noop/nginx requests/s:   %.3f (goal >= 0.5)  %s\n", o / n, (o / n >= 0.5 ? "met" : "NOT met")
  printf "ratio policy/noop requests/s:  %.3f (goal >= 0.8)  %s\n", p / o, (p / o >= 0.8 ? "met" : "NOT met")
  printf "ratio policy p99 / nginx p99:  %.2f (goal <= 3)    %s\n", pp / np, (pp / np <= 3 ? "met" : "NOT met")
}'
echo "(ratios of the medians over $ROUNDS rounds; each round's own ratios are above)"
echo "load at the end: $(load)"
