package io.aiocop;

import io.aiocop.internal.Checks;
import io.aiocop.internal.Log;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The reporter that is on unless the user opts out: one log line per reported task, at WARN for a task that ran
 * past its threshold or scored {@link SeverityLevel#HIGH}, at DEBUG otherwise, and at most one line per call site
 * and level per interval, the next line carrying the count of the repeats it left out, so a hot blocking handler
 * cannot flood the log.
 *
 * <p>The call site of an {@link SlowTaskEvent.Reason#IO_BLOCKING} task is the operation and entry point of its
 * first event; a {@link SlowTaskEvent.Reason#CPU_BLOCKING} task has no stack, so its call site is its executor.
 * Context values are left out unless asked for: they may hold personal data.
 *
 * <p>Runs on the loop thread of the reported task, after the callbacks; thread-safe, since loops of every group
 * share it. Nothing here runs for a task that is not reported.
 */
final class DefaultReporter {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Events listed in one line; the rest are counted. */
    static final int MAX_EVENTS_PER_LINE = 5;

    /** Call sites remembered at once; past it, expired ones are forgotten, then all. */
    static final int MAX_CALL_SITES = 4096;

    /** Where lines go: the library log in production, a list in tests. */
    interface Sink {
        boolean isWarnEnabled();

        boolean isDebugEnabled();

        void warn(String line);

        void debug(String line);
    }

    private static final class CallSite {
        long windowStartNanos;
        int suppressed;
    }

    private final Sink sink;
    private final Ticker ticker;
    private final FailureCounter failures;
    private final ConcurrentHashMap<String, CallSite> sites = new ConcurrentHashMap<>();

    private volatile boolean enabled = true;
    private volatile long intervalNanos = DEFAULT_INTERVAL.toNanos();
    private volatile boolean logContext;

    DefaultReporter(Sink sink, Ticker ticker, FailureCounter failures) {
        this.sink = sink;
        this.ticker = ticker;
        this.failures = failures;
    }

    /** Returns the reporter that logs (SLF4J, else System.Logger) to the logger {@code io.aiocop}. */
    static DefaultReporter toLog(FailureCounter failures) {
        Log log = Log.get("io.aiocop");
        Sink sink = new Sink() {
            @Override
            public boolean isWarnEnabled() {
                return log.isWarnEnabled();
            }

            @Override
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }

            @Override
            public void debug(String line) {
                log.debug(line);
            }
        };
        return new DefaultReporter(sink, Ticker.system(), failures);
    }

    boolean isEnabled() {
        return enabled;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setInterval(Duration interval) {
        Checks.requireNonNull(interval, "interval");
        Checks.requireArgument(!interval.isNegative() && !interval.isZero(), "interval must be > 0, was %s", interval);
        long nanos;
        try {
            nanos = interval.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        intervalNanos = nanos;
        sites.clear();
    }

    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    void setLogContext(boolean logContext) {
        this.logContext = logContext;
    }

    boolean logsContext() {
        return logContext;
    }

    /** Logs the event unless the reporter is off; a failure of the logging backend is isolated like a callback's. */
    void reportIfEnabled(SlowTaskEvent event) {
        if (!enabled) {
            return;
        }
        try {
            report(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            failures.record("default reporter", this, t);
        }
    }

    /**
     * Logs a stall report, and the one line of its end, at WARN, with the loop thread's stack and the lock owner,
     * unless the reporter is off. Stall reports are already spaced by the watchdog's backoff, so they are
     * not rate-limited per call site.
     */
    void reportIfEnabled(StallEvent event) {
        if (!enabled || !sink.isWarnEnabled()) {
            return;
        }
        try {
            sink.warn(format(event));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            failures.record("default reporter", this, t);
        }
    }

    static String format(StallEvent event) {
        StringBuilder line = new StringBuilder(512).append("aiocop: ");
        if (event.ended()) {
            return line.append("stalled task on ").append(event.executorName()).append(" ended after about ")
                    .append(String.format(Locale.ROOT, "%.0f", event.stalledMs())).append(" ms").toString();
        }
        line.append("task on ").append(event.executorName()).append(" (thread ").append(event.threadName())
                .append(") has been running for ").append(String.format(Locale.ROOT, "%.0f", event.stalledMs()))
                .append(" ms and still runs: ").append(event.threadState());
        if (event.lockName() != null) {
            line.append(" waiting for ")
                    .append(SampledBlocking.lockText(event.lockName(), event.lockOwnerThreadName()));
        }
        for (StackTraceElement frame : event.stack()) {
            line.append(System.lineSeparator()).append("\tat ").append(frame);
        }
        return line.toString();
    }

    void report(SlowTaskEvent event) {
        boolean warn = event.exceededThreshold() || event.severityLevel() == SeverityLevel.HIGH;
        if (warn ? !sink.isWarnEnabled() : !sink.isDebugEnabled()) {
            return;
        }
        String site = callSite(event);
        int suppressed = admit((warn ? "W " : "D ") + site);
        if (suppressed < 0) {
            return;
        }
        String line = format(event, site, suppressed);
        if (warn) {
            sink.warn(line);
        } else {
            sink.debug(line);
        }
    }

    /**
     * Decides whether a line for {@code key} is logged now.
     *
     * @return -1 to suppress it, else how many lines for the key were suppressed since the last one logged
     */
    private int admit(String key) {
        long now = ticker.read();
        long interval = intervalNanos;
        CallSite site = sites.get(key);
        if (site == null) {
            if (sites.size() >= MAX_CALL_SITES) {
                forgetExpired(now, interval);
            }
            CallSite fresh = new CallSite();
            fresh.windowStartNanos = now;
            site = sites.putIfAbsent(key, fresh);
            if (site == null) {
                return 0;
            }
        }
        synchronized (site) {
            if (now - site.windowStartNanos < interval) {
                site.suppressed++;
                return -1;
            }
            int suppressed = site.suppressed;
            site.suppressed = 0;
            site.windowStartNanos = now;
            return suppressed;
        }
    }

    private void forgetExpired(long now, long interval) {
        for (Iterator<CallSite> it = sites.values().iterator(); it.hasNext(); ) {
            CallSite site = it.next();
            synchronized (site) {
                if (now - site.windowStartNanos >= interval && site.suppressed == 0) {
                    it.remove();
                }
            }
        }
        if (sites.size() >= MAX_CALL_SITES) {
            sites.clear();
        }
    }

    static String callSite(SlowTaskEvent event) {
        List<BlockingEventInfo> events = event.blockingEvents();
        if (events.isEmpty()) {
            return event.reason().label() + " on " + event.executorName();
        }
        BlockingEventInfo first = events.get(0);
        return first.operation() + " at " + first.entryPoint();
    }

    private String format(SlowTaskEvent event, String site, int suppressed) {
        StringBuilder line = new StringBuilder(256);
        line.append("aiocop: ").append(event.reason().label())
                .append(" task on ").append(event.executorName())
                .append(": ").append(String.format(Locale.ROOT, "%.1f", event.elapsedMs()))
                .append(" ms (threshold ").append(event.thresholdMs()).append(" ms")
                .append(event.exceededThreshold() ? ", exceeded" : "").append(')');
        appendTime(line, event);
        line.append(", severity ").append(event.severityLevel().label())
                .append(" (").append(event.severityScore()).append(')');
        List<BlockingEventInfo> events = event.blockingEvents();
        if (!events.isEmpty()) {
            int total = events.size() + event.droppedEvents();
            line.append(", ").append(total).append(total == 1 ? " blocking call: " : " blocking calls: ");
            int shown = Math.min(events.size(), MAX_EVENTS_PER_LINE);
            for (int i = 0; i < shown; i++) {
                appendCall(line.append(i == 0 ? "" : ", "), events.get(i));
            }
            if (total > shown) {
                line.append(", and ").append(total - shown).append(" more");
            }
        }
        appendSamples(line, event.cpuStackSamples());
        line.append("; call site ").append(site);
        if (suppressed > 0) {
            line.append(" [").append(suppressed).append(suppressed == 1 ? " similar line" : " similar lines")
                    .append(" suppressed in the last ").append(describe(intervalNanos)).append(']');
        }
        if (logContext && !event.context().isEmpty()) {
            line.append("; context ").append(contextText(event.context()));
        }
        return line.toString();
    }

    /**
     * Appends what the elapsed time was made of: the GC pause time that overlapped the task, saying so when the task
     * was slow only because of it (so a pause is never taken for the task's own CPU work), and the loop thread's
     * CPU time when known.
     */
    private static void appendTime(StringBuilder line, SlowTaskEvent event) {
        if (event.gcPauseMs() > 0) {
            line.append(String.format(Locale.ROOT, ", of which %.1f ms GC pause", event.gcPauseMs()));
            if (event.exceededThreshold() && event.elapsedMs() - event.gcPauseMs() < event.thresholdMs()) {
                line.append(" (slow only because of the GC pause)");
            }
        }
        if (event.cpuTimeMs() >= 0) {
            line.append(String.format(Locale.ROOT, ", on CPU %.1f ms", event.cpuTimeMs()));
        }
    }

    /** Appends the most frequent CPU stack sample: its application frame and its share of the samples. */
    private static void appendSamples(StringBuilder line, List<CpuStackSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        int total = 0;
        for (CpuStackSample sample : samples) {
            total += sample.count();
        }
        CpuStackSample top = samples.get(0);
        line.append("; time went to ").append(top.entryPoint()).append(" (")
                .append(String.format(Locale.ROOT, "%.0f%%", 100.0 * top.count() / total)).append(" of ")
                .append(total).append(total == 1 ? " sample)" : " samples)");
    }

    /** Appends {@code operation(detail)}, how long it blocked when known, and whether blocking was permitted. */
    private static void appendCall(StringBuilder line, BlockingEventInfo call) {
        line.append(call.event());
        if (call.durationNanos() >= 0) {
            line.append(String.format(Locale.ROOT, " for %.1f ms", call.durationNanos() / 1_000_000.0));
        }
        if (call.source() == BlockingEventInfo.Source.SAMPLED) {
            line.append(" (sampled)");
        }
        if (call.permitted()) {
            line.append(" (permitted)");
        }
    }

    private static String contextText(Map<String, Object> context) {
        StringBuilder text = new StringBuilder().append('{');
        for (Map.Entry<String, Object> e : context.entrySet()) {
            text.append(text.length() == 1 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return text.append('}').toString();
    }

    private static String describe(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds > 0 && TimeUnit.SECONDS.toNanos(seconds) == nanos ? seconds + " s"
                : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    @Override
    public String toString() {
        return "DefaultReporter[logger io.aiocop, interval " + describe(intervalNanos) + "]";
    }
}
