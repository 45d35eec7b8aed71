#!/usr/bin/env bash
# Benchmark (not a test) for issue 4: 'winfleet check' on 50,000 resources in 5,000 files,
# timing the whole process, JVM start included, as a user or CI runs it:
#
#   ./winfleet check DIR                          (the launcher users run; default)
#   java -jar winfleet-cli/target/winfleet.jar check DIR   (with LAUNCHER=0)
#
# The launcher runs short commands with the quick compiler, the serial collector and a class-data
# archive of winfleet's classes; plain 'java -jar' uses the JVM's defaults.
#
# Goal: under 5 s on 2 cores (10,000 resources/s or more).
# The corpus comes from the hidden 'winfleet bench-corpus' command: Windows and Linux
# Deployments, StatefulSets, DaemonSets and Jobs, with and without problems, plus Services.
#
# Usage: bench/check-bench.sh [RUNS]     (build first: ./mvnw -q -pl winfleet-cli -am package -DskipTests)
# Env:   BENCH_DIR to reuse a corpus directory; FILES and PER_FILE to change its size.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=winfleet-cli/target/winfleet.jar
RUNS=${1:-5}
FILES=${FILES:-5000}
PER_FILE=${PER_FILE:-10}
if [ ! -f "$JAR" ]; then
  echo "no $JAR: build it first with ./mvnw -q -pl winfleet-cli -am package -DskipTests" >&2
  exit 2
fi
DIR=${BENCH_DIR:-$(mktemp -d -t winfleet-bench.XXXXXX)}
if [ ! -d "$DIR/team-0" ]; then
  java -jar "$JAR" bench-corpus "$DIR" --files "$FILES" --per-file "$PER_FILE"
fi
RESOURCES=$((FILES * PER_FILE))
echo "corpus: $DIR ($(du -sh "$DIR" | cut -f1), $RESOURCES resources in $FILES files)"
[ "${LAUNCHER:-1}" = 1 ] && ./winfleet --version > /dev/null  # builds the jar and its class-data archive if needed
echo "command: $([ "${LAUNCHER:-1}" = 1 ] && echo "./winfleet check" || echo "java -jar $JAR check") $DIR"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

times=()
for i in $(seq "$RUNS"); do
  start=$(date +%s%N)
  set +e
  if [ "${LAUNCHER:-1}" = 1 ]; then
    ./winfleet check "$DIR" > /dev/null
  else
    java -jar "$JAR" check "$DIR" > /dev/null
  fi
  code=$?
  set -e
  end=$(date +%s%N)
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
    echo "winfleet check failed with exit code $code" >&2
    exit 1
  fi
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  echo "run $i: ${ms} ms ($(( RESOURCES * 1000 / ms )) resources/s)"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
best=${sorted[0]}
median=${sorted[$(( ${#sorted[@]} / 2 ))]}
echo "best ${best} ms ($(( RESOURCES * 1000 / best )) resources/s), median ${median} ms ($(( RESOURCES * 1000 / median )) resources/s)"
