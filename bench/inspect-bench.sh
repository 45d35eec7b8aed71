#!/usr/bin/env bash
# Benchmark (not a test): `winfleet inspect` on 200 references of a local Distribution registry
# against the same 200 through `skopeo inspect --raw`, one after another.
# Goals (issue 3): at least 10x faster than sequential skopeo; under 2 s for the 200 inside a
# running JVM (the --timing figure). Needs docker-registry and skopeo (.ci/install-deps) and the
# CLI jar (built here if missing). Usage: bench/inspect-bench.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200}"
JAR=winfleet-cli/target/winfleet.jar
for bin in docker-registry skopeo; do
  command -v "$bin" >/dev/null || { echo "$bin is missing: run .ci/install-deps" >&2; exit 2; }
done
./winfleet --version >/dev/null  # builds the jar and its class-data archive if needed

WORK="bench/target/registry"
rm -rf "$WORK" && mkdir -p "$WORK/storage"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
HOST="127.0.0.1:$PORT"
cat >"$WORK/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $PWD/$WORK/storage
http:
  addr: $HOST
YAML
docker-registry serve "$WORK/config.yml" >"$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
trap 'kill $REGISTRY_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://$HOST/v2/" >/dev/null && break; sleep 0.1; done

echo "pushing $COUNT references to $HOST ..." >&2
java bench/PushImages.java "http://$HOST" bench/windows "$COUNT"
REFS=()
for i in $(seq 0 $((COUNT - 1))); do REFS+=("$HOST/bench/windows:$(printf 't%03d' "$i")"); done

now_ms() { date +%s%3N; }
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

echo "winfleet inspect (whole process, JVM start included):" >&2
t0=$(now_ms)
./winfleet inspect --json --timing --insecure-registry "$HOST" "${REFS[@]}" >"$WORK/winfleet.json" 2>"$WORK/winfleet.err"
t1=$(now_ms)
WINFLEET_MS=$((t1 - t0))
IN_JVM=$(grep -o 'inspected [0-9]* references in [0-9]* ms.*' "$WORK/winfleet.err")

echo "in one JVM, fresh inspector per round (caches empty):" >&2
java -cp "$JAR" bench/InJvmBench.java "$HOST" 3 "${REFS[@]}" >"$WORK/injvm.txt"

echo "skopeo inspect --raw, $COUNT times sequentially:" >&2
t0=$(now_ms)
for r in "${REFS[@]}"; do skopeo inspect --raw --tls-verify=false "docker://$r" >/dev/null; done
t1=$(now_ms)
SKOPEO_MS=$((t1 - t0))

echo "skopeo doing the same work (index, then each platform manifest), sequentially:" >&2
t0=$(now_ms)
for r in "${REFS[@]}"; do
  repo="${r%:*}"
  skopeo inspect --raw --tls-verify=false "docker://$r" >"$WORK/index.json"
  for d in $(python3 -c 'import json,sys; [print(m["digest"]) for m in json.load(open(sys.argv[1])).get("manifests", [])]' "$WORK/index.json"); do
    skopeo inspect --raw --tls-verify=false "docker://$repo@$d" >/dev/null
  done
done
t1=$(now_ms)
SKOPEO_FULL_MS=$((t1 - t0))

PLATFORMS=$(grep -c '"osVersion"' "$WORK/winfleet.json")
echo "references:                 $COUNT ($PLATFORMS platforms read by winfleet)"
echo "load average before:        $LOAD"
echo "winfleet inspect, process:  ${WINFLEET_MS} ms"
echo "winfleet inspect, in JVM:   ${IN_JVM}"
sed 's/^/in-JVM /' "$WORK/injvm.txt"
echo "skopeo inspect --raw x$COUNT: ${SKOPEO_MS} ms (one request each: the top manifest only)"
echo "skopeo, same requests as winfleet: ${SKOPEO_FULL_MS} ms (index + every platform manifest)"
awk -v s="$SKOPEO_MS" -v w="$WINFLEET_MS" 'BEGIN { printf "speed-up (process vs skopeo --raw, top manifest only): %.1fx\n", s / w }'
awk -v s="$SKOPEO_FULL_MS" -v w="$WINFLEET_MS" 'BEGIN { printf "speed-up (process vs skopeo reading the same manifests): %.1fx\n", s / w }'
