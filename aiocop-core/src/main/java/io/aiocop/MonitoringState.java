package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.concurrent.TimeUnit;

/**
 * The JVM-wide state behind {@link Aiocop}: registries and settings shared by every {@link TaskMonitor}.
 *
 * <p>Settings are volatile fields written rarely by any thread and read on every task by loop threads; a plain
 * volatile load costs the same as a normal load on x86 and gives readers the newest value.
 */
final class MonitoringState {

    static final long DEFAULT_THRESHOLD_MS = 30;
    static final int DEFAULT_TRACE_DEPTH = 20;
    static final int DEFAULT_MAX_EVENTS_PER_TASK = 50;

    static final FailureCounter FAILURES = new FailureCounter();
    static final BlockingEventRegistry EVENTS = new BlockingEventRegistry();
    static final CallbackRegistry CALLBACKS = new CallbackRegistry(FAILURES);
    static final ContextProviderRegistry PROVIDERS = new ContextProviderRegistry(FAILURES);
    static final StallCallbackRegistry STALL_CALLBACKS = new StallCallbackRegistry(FAILURES);
    static final DefaultReporter REPORTER = DefaultReporter.toLog(FAILURES);
    static final OffenderAggregator OFFENDERS = new OffenderAggregator(FAILURES, System::currentTimeMillis);
    static final LoopRegistry LOOPS = new LoopRegistry(FAILURES);

    static volatile boolean active = true;
    static volatile boolean detecting;
    static volatile int traceDepth = DEFAULT_TRACE_DEPTH;
    static volatile int maxEventsPerTask = DEFAULT_MAX_EVENTS_PER_TASK;
    static volatile long thresholdMs = DEFAULT_THRESHOLD_MS;
    static volatile long thresholdNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_THRESHOLD_MS);
    /** Instrumented calls that return faster than this are not recorded; 0 records every call. */
    static volatile long minBlockingCallNanos;
    static final long DEFAULT_STALL_THRESHOLD_MS = 1000;
    /** A task running longer than this is reported while it runs, by the {@link StallWatchdog}; 0 is off. */
    static volatile long stallThresholdNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_STALL_THRESHOLD_MS);
    /** aiocop's {@code start_cpu_sampling} interval. */
    static final long DEFAULT_CPU_SAMPLING_INTERVAL_MS = 10;
    /** The shortest interval accepted: the watchdog never checks more often than every 5 ms. */
    static final long MIN_CPU_SAMPLING_INTERVAL_MS = 5;
    static final long MAX_CPU_SAMPLING_INTERVAL_MS = 60_000;
    /** Whether CPU stack sampling runs from start-up: see the README's measured cost. */
    static final boolean CPU_SAMPLING_BY_DEFAULT = true;
    /** How often the {@link StallWatchdog} samples the stack of a task past half its threshold; 0 is off. */
    static volatile long cpuSamplingIntervalNanos = CPU_SAMPLING_BY_DEFAULT
            ? TimeUnit.MILLISECONDS.toNanos(DEFAULT_CPU_SAMPLING_INTERVAL_MS) : 0;

    static final long DEFAULT_LAG_PROBE_INTERVAL_MS = 100;
    /** How often a monitored loop runs its lag probe unless its group says otherwise; 0 is off. */
    static volatile long lagProbeIntervalMs = DEFAULT_LAG_PROBE_INTERVAL_MS;

    private MonitoringState() {
    }

    static void setThresholdMs(long ms) {
        thresholdNanos = TimeUnit.MILLISECONDS.toNanos(ms);
        thresholdMs = ms;
    }

    /** The one check of a CPU sampling interval. */
    static long checkCpuSamplingIntervalMs(long intervalMs) {
        return Checks.requireInRange(intervalMs, MIN_CPU_SAMPLING_INTERVAL_MS, MAX_CPU_SAMPLING_INTERVAL_MS,
                "intervalMs");
    }

    /** The one check of a trace depth, for the global setting and every monitor's own. */
    static int checkTraceDepth(int traceDepth) {
        return Checks.requireInRange(traceDepth, 0, TaskMonitor.MAX_TRACE_DEPTH, "traceDepth");
    }

    /** The one check of a lag probe interval, for the global setting and every group's own. */
    static long checkLagProbeIntervalMs(long intervalMs) {
        return Checks.requireInRange(intervalMs, 0, Long.MAX_VALUE / 1_000_000, "intervalMs");
    }

    /** The one check of a threshold, for the global setting and every monitor's own. */
    static long checkThresholdMs(long thresholdMs) {
        Checks.requireArgument(thresholdMs > 0, "thresholdMs must be > 0, was %d", thresholdMs);
        return thresholdMs;
    }
}
