#!/usr/bin/env bash
# Runs the HTTP load family (HttpLoadBenchmark): a keep-alive "hello" server on one event loop, one fresh JVM per
# variant and round, driven by wrk; writes aiocop-bench/results/http/http.json and http.md (medians, per-round
# ratios to plain with 95% bootstrap intervals, the verdicts on the HTTP targets). Installs wrk from the Debian
# packages when it is missing (.ci/wrk.sh).
#
# Usage: aiocop-bench/http.sh [--rounds=N] [--warmup=S] [--duration=S] [--connections=C] [--wrk-threads=T]
#                             [--variants=plain,monitored,...] [--work=ROUNDS] [--out=DIR]
#   defaults: 10 rounds of all five variants (plain, monitored, monitored+agent, monitored+agent+metrics,
#   blockhound), 5 s warm-up + 5 s measured each, wrk -t1 -c32: about 10 minutes on a 2-core machine.
# Environment: JAVA (default $JAVA_HOME/bin/java, else java on the PATH) picks the servers' JDK (the driver runs
#   on the same one); SKIP_BUILD=1 reuses an existing aiocop-bench/target/benchmarks.jar.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
java_cmd=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
jar=aiocop-bench/target/benchmarks.jar

if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
  mvn -B -q -pl aiocop-bench -am package -DskipTests
fi
bash .ci/wrk.sh
exec "$java_cmd" -cp "$jar" io.aiocop.bench.HttpLoadBenchmark --java="$(command -v "$java_cmd")" "$@"
