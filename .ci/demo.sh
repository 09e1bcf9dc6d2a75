#!/usr/bin/env bash
# Runs the README's demo jar (build it first: mvn -B package) on the given java, in its non-serving mode, and checks
# that it exits 0 and that its output shows what the README says: each endpoint's blocking call with the demo's own
# call-site line, the live stall report while the loop is stuck, and aiocop's meters. The same check as in .ci/run.
# Usage: bash .ci/demo.sh [/path/to/java]
set -euo pipefail
cd "$(dirname "$0")/.."

java_cmd=${1:-java}
out=$(timeout 300 "$java_cmd" -jar aiocop-examples/target/aiocop-demo.jar 2>&1)
printf '%s\n' "$out"
expected=(
    # the log binding's lines, with a timestamp and the thread
    'INFO io.aiocop.agent - aiocop blocking-call agent installed'
    # /read-file
    'open(/tmp/aiocop-demo-users'
    'call site open at io.aiocop.examples.Handlers.readFile(Handlers.java:'
    # /sleep: the plain Thread.sleep(long), instrumented on 21+, sampled on 17
    'call site sleep at io.aiocop.examples.Handlers.sleep(Handlers.java:'
    # /resolve
    'getaddrinfo(localhost)'
    'call site getaddrinfo at io.aiocop.examples.Handlers.resolve(Handlers.java:'
    # /lock: a contended synchronized, which only sampling sees
    'held by cache-refresher) (sampled)'
    'call site monitor-enter at io.aiocop.examples.CacheRefresher.read(CacheRefresher.java:'
    # /db: a blocking client call over a socket
    'socket.read(127.0.0.1:'
    'call site connect at io.aiocop.examples.FakeDatabase.query(FakeDatabase.java:'
    # /cpu
    'cpu_blocking task on http-'
    # /schedule: the slow scheduled task
    'open(/tmp/aiocop-demo-config'
    'call site open at io.aiocop.examples.Handlers.reloadConfig(Handlers.java:'
    # /stall: the live stall report while the loop is stuck, then the task's own report
    'still runs: WAITING'
    'io.aiocop.examples.Handlers.awaitFuture(Handlers.java:'
    'ended after about'
    'call site future.get at io.aiocop.examples.Handlers.awaitFuture(Handlers.java:'
    # every request answered, then the meters
    '/hello      200 of 200 answered 200 OK'
    '/stall        1 of   1 answered 200 OK'
    'aiocop_blocking_calls_total{'
    'aiocop_monitoring_active{app="aiocop-demo"} 1.0'
    # the offender report's table
    'aiocop offender report since'
)
for line in "${expected[@]}"; do
    grep -qF -- "$line" <<<"$out" || { echo "demo output lacks: $line" >&2; exit 1; }
done
# Offender report rows: the stall and the sampled sleep, each at the demo's own line.
for row in 'stall +stall +sampled .*Handlers\.awaitFuture\(Handlers\.java:' \
           'blocking_call +sleep +(sampled|instrumented) .*Handlers\.sleep\(Handlers\.java:' \
           'blocking_call +monitor-enter +sampled .*CacheRefresher\.read\(CacheRefresher\.java:'; do
    grep -qE -- "$row" <<<"$out" || { echo "demo's offender report lacks a row matching: $row" >&2; exit 1; }
done
echo "demo on $("$java_cmd" -version 2>&1 | head -n 1): OK"
