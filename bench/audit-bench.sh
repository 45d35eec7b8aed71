#!/usr/bin/env bash
# Benchmark (not a test) for issue 15: the audit on 5,000 nodes and 100,000 pods in informer caches,
# within a 1.5 GiB heap, full re-evaluation after a node upgrade on 2 cores. See bench/AuditBench.java.
#
# Usage: bench/audit-bench.sh [NODES] [PODS]   (build first: ./mvnw -q -pl winfleet-cli -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=winfleet-cli/target/winfleet.jar
if [ ! -f "$JAR" ]; then
  echo "no $JAR: build it first with ./mvnw -q -pl winfleet-cli -am package -DskipTests" >&2
  exit 2
fi
exec taskset -c 0,1 java -Xmx1536m -XX:ActiveProcessorCount=2 -XX:+UseParallelGC \
  -cp "$JAR" bench/AuditBench.java "${1:-5000}" "${2:-100000}"
