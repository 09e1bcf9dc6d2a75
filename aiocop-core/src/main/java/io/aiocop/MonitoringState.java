package io.aiocop;

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
    static final int MAX_DETAIL_LENGTH = 100;
    static final int MAX_TRACE_DEPTH = 1024;

    static final UserCodeFailures FAILURES = new UserCodeFailures();
    static final BlockingEventRegistry EVENTS = new BlockingEventRegistry();
    static final CallbackRegistry CALLBACKS = new CallbackRegistry(FAILURES);
    static final ContextProviderRegistry PROVIDERS = new ContextProviderRegistry(FAILURES);
    static final DefaultReporter REPORTER = DefaultReporter.toLog(FAILURES);

    static volatile boolean active = true;
    static volatile boolean detecting;
    static volatile int traceDepth = DEFAULT_TRACE_DEPTH;
    static volatile int maxEventsPerTask = DEFAULT_MAX_EVENTS_PER_TASK;
    static volatile long thresholdMs = DEFAULT_THRESHOLD_MS;
    static volatile long thresholdNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_THRESHOLD_MS);

    private MonitoringState() {
    }

    static void setThresholdMs(long ms) {
        thresholdNanos = TimeUnit.MILLISECONDS.toNanos(ms);
        thresholdMs = ms;
    }

    static int checkTraceDepth(int traceDepth) {
        if (traceDepth < 0 || traceDepth > MAX_TRACE_DEPTH) {
            throw new IllegalArgumentException("traceDepth must be in [0, " + MAX_TRACE_DEPTH + "], was " + traceDepth);
        }
        return traceDepth;
    }

    static long checkThresholdMs(long ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("thresholdMs must be > 0 ms, was " + ms);
        }
        return ms;
    }
}
