#!/usr/bin/env bash
# Runs the README's demo jar (build it first: mvn -B package) on the given java and checks that it reports what
# the README says: a file open, a sleep, a DNS lookup and a CPU-bound task. The same check as in .ci/run.
# Usage: bash .ci/demo.sh [/path/to/java]
set -euo pipefail
cd "$(dirname "$0")/.."

java_cmd=${1:-java}
out=$("$java_cmd" -jar aiocop-examples/target/aiocop-demo.jar 2>/dev/null)
printf '%s\n' "$out"
for expected in 'open(/tmp/aiocop-demo' 'sleep(40 ms), weight 50' 'getaddrinfo(localhost), weight 50' 'cpu_blocking'; do
    grep -qF "$expected" <<<"$out" || { echo "demo output lacks: $expected" >&2; exit 1; }
done
echo "demo on $("$java_cmd" -version 2>&1 | head -n 1): OK"
