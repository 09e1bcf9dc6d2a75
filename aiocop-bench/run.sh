#!/usr/bin/env bash
# Runs aiocop's benchmarks with the short profile (about 13 minutes on a 2-core machine), writes the JMH JSON to
# aiocop-bench/results/, and turns it into results.md (targets met / not met, one table per family) and
# results.png (bar charts of the comparisons).
#
# Usage: aiocop-bench/run.sh [JMH options or a benchmark regex, for the steady-state families]
#   e.g. aiocop-bench/run.sh TaskDispatch -f 3 -i 10      (a longer run of one family)
# Environment: JAVA (default $JAVA_HOME/bin/java, else java on the PATH) picks the JDK the forks run on;
#   SKIP_BUILD=1 reuses an existing aiocop-bench/target/benchmarks.jar.
#
# The profile is the annotations' defaults (AbstractBenchmark: 2 forks, 3 x 1 s warm-up, 5 x 1 s measurement per
# parameter combination; InstallBenchmark: 10 single-shot forks). InstallBenchmark runs in a second JMH
# invocation because warm-up options on the command line would break its one-install-per-JVM design.
# Nothing else should run on the machine meanwhile: 2 cores are used by the loop and the benchmark thread.
# The HTTP load family is not JMH and runs apart: aiocop-bench/http.sh (about 10 minutes, needs wrk).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
java_cmd=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
jar=aiocop-bench/target/benchmarks.jar
out=aiocop-bench/results

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  mvn -B -q -pl aiocop-bench -am package -DskipTests
fi
mkdir -p "$out"

"$java_cmd" -jar "$jar" -e InstallBenchmark -prof gc "$@" -rf json -rff "$out/steady.json" 2>&1 | tee "$out/steady.log"
"$java_cmd" -jar "$jar" InstallBenchmark -rf json -rff "$out/install.json" 2>&1 | tee "$out/install.log"
"$java_cmd" -cp "$jar" io.aiocop.bench.report.ResultsReport "$out" "aiocop-bench/run.sh $*" \
  "$out/steady.json" "$out/install.json"
