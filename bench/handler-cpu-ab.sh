#!/usr/bin/env bash
# Compares winfleet builds by the CPU one /mutate answer costs inside the JVM (bench/HandlerCpuBench.java:
# parse, policy, answer through AdmissionHandler on one thread, no TLS or HTTP), which a shared
# machine's load disturbs less than bench/webhook-cpu-ab.sh. Contenders run in turn, ROUNDS times;
# each prints the microseconds of CPU per answer of its three measured rounds.
#
#   bench/handler-cpu-ab.sh ROUNDS LABEL=JAR[:noop] LABEL=JAR[:noop]...
set -euo pipefail
cd "$(dirname "$0")/.."
REVIEW=winfleet-server/src/test/resources/dev/winfleet/server/reviews/pod-create-v1.json
ROUNDS="$1"; shift
for round in $(seq 1 "$ROUNDS"); do
  for contender in "$@"; do
    label="${contender%%=*}"; jar="${contender#*=}"; mode=policy
    case "$jar" in *:noop) mode=noop; jar="${jar%:noop}" ;; esac
    us="$(java -Xms256m -Xmx512m -cp "$jar" bench/HandlerCpuBench.java "$mode" "$REVIEW" \
      bench/fleet-50.yaml 3 3 | awk '{print $4}' | tr '\n' ' ')"
    echo "round $round $label $mode us_cpu_per_answer: $us load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
