#!/usr/bin/env bash
# Benchmark (not a test) for 'winfleet check' on 50,000 resources in 5,000 files (issues 4, 21).
# Times whole processes, JVM start included, as a user or CI runs them, side by side in each round:
#
#   read-only  bench/ReadOnlyCheck.java: finds, reads and parses the same files as check, no rules
#   check      ./winfleet check DIR           (this tree's launcher)
#   base       ./winfleet check DIR           (the launcher of BASE_REF, built in a git worktree
#                                              under /tmp; BASE_REF=none skips it)
#
# and prints what the rules cost on top of reading (issue 21's goal: <= 30%) and how much faster
# this tree's check is than BASE_REF's (goal: >= 1.5x). All three run with the launcher's JVM
# options (quick compiler, serial collector, class-data archive of the jar).
#
# Usage: bench/check-bench.sh [RUNS]     (default 3; build first: ./mvnw -q -pl winfleet-cli -am package -DskipTests)
# Env:   BENCH_DIR to reuse a corpus directory; FILES and PER_FILE to change its size;
#        BASE_REF (default c092b00, the commit issue 21 started from); BASE_DIR (default
#        /tmp/winfleet-base-BASE_REF) where that commit is checked out and built.
# The machine is shared: the load average is printed with each round; compare within a round.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
JAR=winfleet-cli/target/winfleet.jar
JSA=winfleet-cli/target/winfleet.jsa
RUNS=${1:-3}
FILES=${FILES:-5000}
PER_FILE=${PER_FILE:-10}
BASE_REF=${BASE_REF:-c092b00}
BASE_DIR=${BASE_DIR:-/tmp/winfleet-base-$BASE_REF}
if [ ! -f "$JAR" ]; then
  echo "no $JAR: build it first with ./mvnw -q -pl winfleet-cli -am package -DskipTests" >&2
  exit 2
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }

DIR=${BENCH_DIR:-$(mktemp -d -t winfleet-bench.XXXXXX)}
if [ ! -d "$DIR/team-0" ]; then
  java bench/BenchCorpus.java "$DIR" --files "$FILES" --per-file "$PER_FILE"
fi
RESOURCES=$((FILES * PER_FILE))
echo "corpus: $DIR ($(du -sh "$DIR" | cut -f1), $RESOURCES resources in $FILES files)"

./winfleet --version >/dev/null # builds the jar's class-data archive if needed
CLASSES="$(mktemp -d -t winfleet-readonly.XXXXXX)"
trap 'rm -rf "$CLASSES"' EXIT
javac -nowarn -cp "$JAR" -d "$CLASSES" bench/ReadOnlyCheck.java
# The launcher's options for short commands (see ./winfleet); the bench class after the jar so
# that the archive still applies.
OPTS=(-Xlog:disable -Xlog:all=warning:stderr -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$JSA")

if [ "$BASE_REF" != none ]; then
  if [ ! -d "$BASE_DIR" ]; then
    git worktree add -f --detach "$BASE_DIR" "$BASE_REF" >/dev/null
  fi
  if [ ! -f "$BASE_DIR/winfleet-cli/target/winfleet.jar" ]; then
    echo "building $BASE_REF in $BASE_DIR" >&2
    (cd "$BASE_DIR" && ./mvnw -B -ntp -q -pl winfleet-cli -am package -DskipTests)
  fi
  "$BASE_DIR/winfleet" --version >/dev/null
fi

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "commands: java ${OPTS[*]} -cp $JAR:CLASSES dev.winfleet.cli.ReadOnlyCheck $DIR"
echo "          ./winfleet check $DIR"
[ "$BASE_REF" != none ] && echo "          $BASE_DIR/winfleet check $DIR   ($BASE_REF)"

timed() { # COMMAND... -> "WALL_MS CPU_MS" (CPU = user + system of the process, less sensitive
  # than wall time to the other load on a shared machine); exit code 0 or 1 (findings) is a run
  local out code
  set +e
  out="$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$CLASSES/err"; } 2>&1 )"
  code=$?
  set -e
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
    cat "$CLASSES/err" >&2
    echo "failed with exit code $code: $*" >&2
    exit 1
  fi
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$out"
}

ro=(); full=(); base=(); roc=(); fullc=(); basec=()
for i in $(seq "$RUNS"); do
  l="$(load)"
  read -r r rc < <(timed java "${OPTS[@]}" -cp "$JAR:$CLASSES" dev.winfleet.cli.ReadOnlyCheck "$DIR")
  read -r f fc < <(timed ./winfleet check "$DIR")
  line="round $i (load $l): wall/cpu ms: read-only ${r}/${rc}, check ${f}/${fc} (rules +$(( (f - r) * 100 / r ))% wall, +$(( (fc - rc) * 100 / rc ))% cpu)"
  ro+=("$r"); full+=("$f"); roc+=("$rc"); fullc+=("$fc")
  if [ "$BASE_REF" != none ]; then
    read -r b bc < <(timed "$BASE_DIR/winfleet" check "$DIR")
    base+=("$b"); basec+=("$bc")
    line="$line, $BASE_REF check ${b}/${bc} (this tree $(awk -v b="$b" -v f="$f" 'BEGIN{printf "%.2f", b/f}')x faster wall, $(awk -v b="$bc" -v f="$fc" 'BEGIN{printf "%.2f", b/f}')x cpu)"
  fi
  echo "$line"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
R=$(median "${ro[@]}"); F=$(median "${full[@]}"); RC=$(median "${roc[@]}"); FC=$(median "${fullc[@]}")
echo "median read-only ${R} ms wall ${RC} ms cpu, check ${F} ms wall ${FC} ms cpu ($(( RESOURCES * 1000 / F )) resources/s):" \
  "the rules cost $(( (F - R) * 100 / R ))% wall, $(( (FC - RC) * 100 / RC ))% cpu on top of reading (goal <= 30%)"
if [ "$BASE_REF" != none ]; then
  B=$(median "${base[@]}"); BC=$(median "${basec[@]}")
  awk -v b="$B" -v f="$F" -v bc="$BC" -v fc="$FC" -v ref="$BASE_REF" 'BEGIN {
    printf "median %s check %d ms wall %d ms cpu: this tree is %.2fx faster wall, %.2fx cpu (goal >= 1.5x)\n", ref, b, bc, b / f, bc / fc }'
fi
echo "load at the end: $(load)"
