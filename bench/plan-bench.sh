#!/usr/bin/env bash
# Benchmark (not a test) for issue 6: the fleet planner at scale, timing the whole process, JVM
# start included, as a user or CI runs it:
#
#   java -Xmx1g -jar winfleet-cli/target/winfleet.jar plan upgrade  (5,000 nodes x 3,000 workloads)
#   java -Xmx1g -jar winfleet-cli/target/winfleet.jar plan prepull  (5,000 nodes x 50 images)
#
# Goals on 2 cores: each in 2 s or less, under 1 GiB of heap (-Xmx1g).
# The inputs come from bench/BenchFleet.java: Windows Server 2019 and 2022
# nodes in four pools (tainted, 16 CPU, 64 GiB, some with status.images) and Linux nodes;
# Deployments (3 replicas), DaemonSets and PodDisruptionBudgets; images sharing base layers.
# The upgrade moves every Windows Server 2019 node to Windows Server 2022.
#
# Usage: bench/plan-bench.sh [RUNS]     (build first: ./mvnw -q -pl winfleet-cli -am package -DskipTests)
# Env:   BENCH_DIR to reuse inputs; NODES, WORKLOADS, IMAGES to change their size; JAVA_OPTS
#        (default: -Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC: a short run gains more from
#        quick C1 compilation than from C2; JAVA_OPTS=-Xmx1g measures the JVM defaults).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=winfleet-cli/target/winfleet.jar
RUNS=${1:-5}
NODES=${NODES:-5000}
WORKLOADS=${WORKLOADS:-3000}
IMAGES=${IMAGES:-50}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseParallelGC}
if [ ! -f "$JAR" ]; then
  echo "no $JAR: build it first with ./mvnw -q -pl winfleet-cli -am package -DskipTests" >&2
  exit 2
fi
DIR=${BENCH_DIR:-$(mktemp -d -t winfleet-plan-bench.XXXXXX)}
if [ ! -f "$DIR/fleet.yaml" ]; then
  java bench/BenchFleet.java "$DIR" --nodes "$NODES" --workloads "$WORKLOADS" --images "$IMAGES"
fi
echo "inputs: $DIR ($(du -sh "$DIR" | cut -f1))"
echo "java options: $JAVA_OPTS"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

mapfile -t REFS < "$DIR/images.txt"
UPGRADE=(plan upgrade --fleet "$DIR/fleet.yaml" --workloads "$DIR/workloads.yaml"
  --selector node.kubernetes.io/windows-build=10.0.17763 --to ltsc2022 -o json)
PREPULL=(plan prepull --fleet "$DIR/fleet.yaml" --images "${REFS[@]}" --images-file "$DIR/images.json"
  --node-bandwidth 1Gbit/s --registry-bandwidth 10Gbit/s -o json)

run() {
  local name=$1
  shift
  local times=() cpus=()
  for i in $(seq "$RUNS"); do
    local start end code
    start=$(date +%s%N)
    set +e
    /usr/bin/time -f "%U %S %M" -o "$DIR/time.txt" java $JAVA_OPTS -jar "$JAR" "$@" > "$DIR/$name.out"
    code=$?
    set -e
    end=$(date +%s%N)
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
      echo "winfleet $name failed with exit code $code" >&2
      exit 1
    fi
    read -r user sys rss < "$DIR/time.txt"
    local ms=$(( (end - start) / 1000000 ))
    local cpu
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%d", (u+s)*1000}')
    times+=("$ms")
    cpus+=("$cpu")
    echo "$name run $i: ${ms} ms wall, ${cpu} ms CPU, max RSS $((rss / 1024)) MiB, exit $code"
  done
  local sorted best median
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  best=${sorted[0]}
  median=${sorted[$(( ${#sorted[@]} / 2 ))]}
  echo "$name: best ${best} ms, median ${median} ms (wall, JVM start included)"
}

run upgrade "${UPGRADE[@]}"
run prepull "${PREPULL[@]}"
