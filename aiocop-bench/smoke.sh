#!/usr/bin/env bash
# CI smoke test of the benchmarks jar (benchmarks are not run in CI): checks that the jar lists the benchmarks,
# runs one 1-second iteration of one benchmark, on plain Netty and on monitored loops with the agent (one fork
# each), and renders the report and chart from the JSON. Takes about 20 seconds. Build the jar first: mvn -B -pl aiocop-bench -am package -DskipTests
# Environment: JAVA (default $JAVA_HOME/bin/java, else java on the PATH).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
java_cmd=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
jar=aiocop-bench/target/benchmarks.jar
[[ -f "$jar" ]] || { echo "smoke: $jar is missing; build it first" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$java_cmd" -jar "$jar" -l | grep -q 'TaskDispatchBenchmark.noopTasks' \
  || { echo "smoke: benchmarks.jar does not list TaskDispatchBenchmark.noopTasks" >&2; exit 1; }
"$java_cmd" -jar "$jar" 'TaskDispatchBenchmark\.noopTasks$' -p variant=plain,monitored+agent \
  -f 1 -wi 0 -i 1 -r 1s -foe true -rf json -rff "$out/smoke.json"
"$java_cmd" -cp "$jar" io.aiocop.bench.report.ResultsReport "$out" smoke "$out/smoke.json" >/dev/null
[[ -s "$out/results.md" && -s "$out/results.png" ]] || { echo "smoke: report not written" >&2; exit 1; }
echo "benchmarks smoke: OK"
