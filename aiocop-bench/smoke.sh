#!/usr/bin/env bash
# CI smoke test of the benchmarks jar (benchmarks are not run in CI): checks that the jar lists the benchmarks,
# runs one 1-second iteration of one benchmark, on plain Netty and on monitored loops with the agent (one fork
# each), renders the report and chart from the JSON, runs one 200-ms iteration of NonBlockingCallBenchmark.writeEmpty
# with the agent and the targets.sh report (TargetsReport) on those results, and one short round of the HTTP load
# family (plain and everything on, 1 s warm-up + 1 s under wrk each; wrk must be on the PATH: .ci/wrk.sh installs
# it). Takes about 40 seconds. Build the jar first: mvn -B -pl aiocop-bench -am package -DskipTests
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
"$java_cmd" -jar "$jar" 'NonBlockingCallBenchmark\.writeEmpty$' -p variant=monitored+agent \
  -f 1 -wi 0 -i 1 -r 200ms -foe true -rf json -rff "$out/nonblocking-monitored+agent-r1.json"
"$java_cmd" -cp "$jar" io.aiocop.bench.report.TargetsReport "$out/targets" "$out/smoke.json" \
  "$out/nonblocking-monitored+agent-r1.json" >/dev/null
grep -q '| non-blocking call on a monitored thread, writeEmpty (monitored+agent vs monitored) |' "$out/targets/targets.md" \
  || { echo "smoke: targets report (TargetsReport) not written" >&2; exit 1; }
command -v wrk >/dev/null || { echo "smoke: wrk is not on the PATH; run .ci/wrk.sh" >&2; exit 1; }
"$java_cmd" -cp "$jar" io.aiocop.bench.HttpLoadBenchmark --java="$(command -v "$java_cmd")" --generations=1 --rounds=1 \
  --warmup=1 --duration=1 --variants=plain,monitored+agent+metrics --out="$out/http" >/dev/null
[[ -s "$out/http/http.md" && -s "$out/http/http.json" ]] || { echo "smoke: HTTP report not written" >&2; exit 1; }
grep -q '| monitored+agent+metrics | requests/s |' "$out/http/http.md" \
  || { echo "smoke: HTTP report has no ratio for monitored+agent+metrics" >&2; exit 1; }
echo "benchmarks smoke: OK"
