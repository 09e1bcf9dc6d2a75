#!/usr/bin/env bash
# Measures every JMH row of issue 12's targets table on one JDK, in interleaved rounds, and writes the verdicts to
# OUT/targets.md (TargetsReport: per-round paired differences to the baseline, medians, 95% bootstrap intervals).
# The HTTP rows are http.sh's.
#
# Usage: aiocop-bench/targets.sh [--out=DIR] [--rounds=N] [--jmh="JMH options"] [--recording-jmh="JMH options"]
#                                [--install-forks=N] [--dry-run]
#   --out            where the JSON (one file per family, variant and round), logs and targets.md go
#                    (default aiocop-bench/results/targets-jdkNN); it must hold no JSON yet
#   --rounds         interleaved rounds of the steady-state families (default 3)
#   --jmh            iteration options of the steady-state families (default "-wi 3 -w 1s -i 5 -r 1s"); never -f
#   --recording-jmh  the same for EventRecordingBenchmark (default "-wi 5 -w 2s -i 5 -r 1s": the class's own longer
#                    warm-up, as stack walking reaches its steady state late); follows --jmh when only --jmh is given
#   --install-forks  single-shot InstallBenchmark forks per tool (default 8), agent and BlockHound alternating
#   --dry-run        prints the plan and the commands, runs nothing
# Environment: JAVA (default $JAVA_HOME/bin/java, else java on the PATH) picks the JDK the forks run on;
#   SKIP_BUILD=1 reuses an existing aiocop-bench/target/benchmarks.jar.
#
# Each round runs, for each family, one JMH invocation per variant with -f 1, so a variant's fork and its
# baseline's fork run within about a minute of each other and host drift cancels in their difference; the
# variants' order rotates by one each round (A B C, B C A, C A B) so that drift within a round does not always
# favour the same variant. Per round: TaskDispatchBenchmark.noopTasks (plain, monitored, monitored+agent, zero-code:
# 4 forks), NonBlockingCallBenchmark.readNothing and writeEmpty (plain, monitored, monitored+agent: 6 forks),
# InstrumentedCallBenchmark.filesSize (plain, agent, blockhound: 3 forks), EventRecordingBenchmark.taskWithOneEvent
# and taskWithoutEvent at traceDepth=20, one invocation per stackDepth 8, 32, 128 (the family has no variant
# param: the two methods of one depth run in adjacent forks; 6 forks). Then ClockBenchmark once (2 forks) and
# InstallBenchmark's single shots (annotation settings, no -wi/-i).
# Duration at the defaults, on a 2-core machine: 13 forks x (8 s + ~2 s start-up) + 6 forks x (15 s + ~2 s) =
# ~3.9 min per round, 3 rounds ~11.7 min, + Clock ~0.4 min + 16 install forks x ~3 s ~0.8 min = ~13 minutes per
# JDK. The script prints its own estimate for the options given. Nothing else should run on the machine meanwhile.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
java_cmd=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
jar=aiocop-bench/target/benchmarks.jar

out=""
rounds=3
jmh="-wi 3 -w 1s -i 5 -r 1s"
recording_jmh=""
install_forks=8
dry_run=0
for arg in "$@"; do
  case "$arg" in
    --out=*) out=${arg#--out=} ;;
    --rounds=*) rounds=${arg#--rounds=} ;;
    --jmh=*) jmh=${arg#--jmh=}; recording_jmh=${recording_jmh:-$jmh} ;;
    --recording-jmh=*) recording_jmh=${arg#--recording-jmh=} ;;
    --install-forks=*) install_forks=${arg#--install-forks=} ;;
    --dry-run) dry_run=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "targets.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
recording_jmh=${recording_jmh:-"-wi 5 -w 2s -i 5 -r 1s"}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "targets.sh: --rounds must be a positive integer, was $rounds" >&2; exit 2; }
[[ "$install_forks" =~ ^[0-9]+$ ]] \
  || { echo "targets.sh: --install-forks must be an integer >= 0, was $install_forks" >&2; exit 2; }
read -ra jmh_opts <<< "$jmh"
read -ra recording_opts <<< "$recording_jmh"
for opt in "${jmh_opts[@]}" "${recording_opts[@]}"; do
  [[ "$opt" == -f ]] && { echo "targets.sh: -f is fixed at 1 (one fork per invocation); do not pass it" >&2; exit 2; }
done

java_spec=$("$java_cmd" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
out=${out:-aiocop-bench/results/targets-jdk$java_spec}

# Seconds of warm-up + measurement one fork spends with the given options ("-wi 3 -w 1s -i 5 -r 500ms");
# options not given take AbstractBenchmark's defaults (3 x 1 s, 5 x 1 s).
fork_seconds() {
  local wi=3 w=1 i=5 r=1 opt
  local -a opts=("$@")
  seconds() { case "$1" in *ms) awk "BEGIN {print ${1%ms} / 1000}" ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
  for ((k = 0; k < ${#opts[@]}; k++)); do
    opt=${opts[k]}
    case "$opt" in
      -wi) wi=${opts[k + 1]} ;;
      -w) w=$(seconds "${opts[k + 1]}") ;;
      -i) i=${opts[k + 1]} ;;
      -r) r=$(seconds "${opts[k + 1]}") ;;
    esac
  done
  awk "BEGIN {print $wi * $w + $i * $r}"
}
# Start-up, set-up and tear-down per fork (JMH's own JVM and the fork's; an agent install is ~1 s of it), measured
# on the 2-core host.
startup=2
steady=$(fork_seconds "${jmh_opts[@]}")
recording=$(fork_seconds "${recording_opts[@]}")
planned=$(awk "BEGIN {printf \"%.1f\", ($rounds * (13 * ($steady + $startup) + 6 * ($recording + $startup)) \
  + 2 * ($steady + $startup) + 2 * $install_forks * 3) / 60}")

# The rotation of a list by the round: round 1 keeps the order, round 2 starts with the second element...
rotate() {
  local shift=$1; shift
  local -a items=("$@")
  local n=${#items[@]} k
  for ((k = 0; k < n; k++)); do echo "${items[(k + shift) % n]}"; done
}

echo "targets.sh: JDK $java_spec ($java_cmd), $rounds rounds, steady \"$jmh\", recording \"$recording_jmh\"," \
  "$install_forks install forks per tool; planned duration ~$planned min; output $out"
if [[ "$dry_run" != 1 ]]; then
  if [[ "${SKIP_BUILD:-0}" != 1 || ! -f "$jar" ]]; then
    mvn -B -q -pl aiocop-bench -am package -DskipTests
  fi
  mkdir -p "$out/logs"
  if compgen -G "$out/*.json" >/dev/null; then
    echo "targets.sh: $out already holds JSON results; pick another --out or remove them" >&2
    exit 2
  fi
  uptime > "$out/uptime-start.txt"
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (dirty)')," \
    "JAVA=$java_cmd" > "$out/commands.txt"
fi
started=$SECONDS

# Runs one JMH invocation into $out/NAME.json (log in $out/logs/NAME.log) and records the command.
run() {
  local name=$1; shift
  local -a cmd=("$java_cmd" -jar "$jar" "$@" -foe true -rf json -rff "$out/$name.json")
  if [[ "$dry_run" == 1 ]]; then
    printf '%q ' "${cmd[@]}"; echo
    return
  fi
  printf '%q ' "${cmd[@]}" >> "$out/commands.txt"; echo >> "$out/commands.txt"
  printf '  [%3d s] %s\n' $((SECONDS - started)) "$name"
  if ! "${cmd[@]}" > "$out/logs/$name.log" 2>&1; then
    tail -n 30 "$out/logs/$name.log" >&2
    echo "targets.sh: $name failed; log: $out/logs/$name.log" >&2
    exit 1
  fi
}

for ((round = 1; round <= rounds; round++)); do
  shift_by=$((round - 1))
  for v in $(rotate $shift_by plain monitored monitored+agent zero-code); do
    run "dispatch-$v-r$round" 'TaskDispatchBenchmark\.noopTasks$' -p variant="$v" "${jmh_opts[@]}" -f 1
  done
  for v in $(rotate $shift_by plain monitored monitored+agent); do
    run "nonblocking-$v-r$round" 'NonBlockingCallBenchmark\.(readNothing|writeEmpty)$' -p variant="$v" \
      "${jmh_opts[@]}" -f 1
  done
  for v in $(rotate $shift_by plain agent blockhound); do
    run "calls-$v-r$round" 'InstrumentedCallBenchmark\.filesSize$' -p variant="$v" "${jmh_opts[@]}" -f 1
  done
  for depth in $(rotate $shift_by 8 32 128); do
    run "recording-sd$depth-r$round" 'EventRecordingBenchmark\.taskWith(out|One)Event$' -p traceDepth=20 \
      -p stackDepth="$depth" "${recording_opts[@]}" -f 1
  done
done
run clock 'ClockBenchmark' "${jmh_opts[@]}" -f 1
# Single shots: the annotation's settings (no warm-up, one iteration), one cold JVM per install.
for ((k = 1; k <= install_forks; k++)); do
  for v in $(rotate $((k - 1)) agent blockhound); do
    run "install-$v-r$k" 'InstallBenchmark\.install$' -p variant="$v" -f 1
  done
done

[[ "$dry_run" == 1 ]] && exit 0
uptime > "$out/uptime-end.txt"
echo "targets.sh: measured in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s (planned ~$planned min)"
"$java_cmd" -cp "$jar" io.aiocop.bench.report.TargetsReport "$out" "$out"
