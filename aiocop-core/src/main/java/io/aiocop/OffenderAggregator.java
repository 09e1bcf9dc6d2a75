package io.aiocop;

import io.aiocop.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Aggregates reported tasks and stalls into the rows of the {@link OffenderReport}: fed once per reported
 * {@link SlowTaskEvent} by {@link TaskMonitor} (on the loop thread, before the callbacks) and once per stall report
 * by the {@link StallWatchdog}'s report thread. A clean task never reaches it.
 *
 * <p>Thread-safe: loops of every group and the stall-report thread record at once. Rows live in a
 * {@link ConcurrentHashMap} of at most {@code maxCallSites} entries (a slot is reserved with one atomic increment
 * before a row is added, so the cap holds under races); each row is updated under its own lock, one per call site
 * per task, so totals are exact. A site that finds no free slot is added to the "other" totals. A reset swaps in a
 * new {@link Window}: a recording that read the old window as the reset happened lands in the old one and is not
 * in the next report, which covers "since the reset" within that race.
 *
 * <p>A failure in here is counted like a callback's ({@link Aiocop#getCallbackFailureCount()}) and never reaches
 * the loop or the other consumers of the report.
 */
final class OffenderAggregator {

    static final int DEFAULT_MAX_CALL_SITES = 1000;
    /** The greatest cap accepted: a row costs a few hundred bytes, so this bounds the report to about 1 GB. */
    static final int MAX_CALL_SITES_LIMIT = 1_000_000;

    /** The operation of a stall row. */
    static final String STALL_OPERATION = "stall";
    /** The operation of a CPU row. */
    static final String CPU_OPERATION = "cpu";

    private final FailureCounter failures;
    private final LongSupplier wallClockMillis;
    private volatile int maxCallSites = DEFAULT_MAX_CALL_SITES;
    private volatile Window window;

    OffenderAggregator(FailureCounter failures, LongSupplier wallClockMillis) {
        this.failures = failures;
        this.wallClockMillis = wallClockMillis;
        this.window = new Window(wallClockMillis.getAsLong());
    }

    /** A call site: what a row is keyed by. */
    private record Key(OffenderReport.Kind kind, String operation, String entryPoint, BlockingEventInfo.Source source) {
    }

    /** The running totals of one row, or of "other"; guarded by its own monitor. */
    private static final class Tally {
        long count;
        long weight;
        long tasks;
        long taskNanos;
        long maxTaskNanos;
        long maxCallNanos = BlockingEventInfo.UNKNOWN_DURATION;
        String lastDetail = "";
        long lastSeenMillis;

        synchronized void add(long calls, long weight, long tasks, long taskNanos, long maxTaskNanos,
                long maxCallNanos, String detail, long nowMillis) {
            this.count += calls;
            this.weight += weight;
            this.tasks += tasks;
            this.taskNanos += taskNanos;
            this.maxTaskNanos = Math.max(this.maxTaskNanos, maxTaskNanos);
            this.maxCallNanos = Math.max(this.maxCallNanos, maxCallNanos);
            if (detail != null) {
                this.lastDetail = detail;
            }
            this.lastSeenMillis = Math.max(this.lastSeenMillis, nowMillis);
        }

        synchronized OffenderReport.Row toRow(Key key) {
            return new OffenderReport.Row(key.kind(), key.operation(), key.entryPoint(), key.source(), count, weight,
                    tasks, toMillis(taskNanos), toMillis(maxTaskNanos),
                    maxCallNanos < 0 ? -1 : toMillis(maxCallNanos), lastDetail, Instant.ofEpochMilli(lastSeenMillis));
        }
    }

    /** Everything aggregated since one start or reset. */
    private static final class Window {
        final long sinceMillis;
        final ConcurrentHashMap<Key, Tally> rows = new ConcurrentHashMap<>();
        /** Slots taken in {@code rows}; reserved before a row is added, given back when the add loses a race. */
        final AtomicInteger size = new AtomicInteger();
        final Tally other = new Tally();
        final LongAdder tasks = new LongAdder();
        final LongAdder stalls = new LongAdder();
        final LongAdder droppedCalls = new LongAdder();

        Window(long sinceMillis) {
            this.sinceMillis = sinceMillis;
        }

        /** Returns the row of {@code key}, adding it when a slot is free; null when the cap is reached. */
        Tally row(Key key, int maxCallSites) {
            Tally row = rows.get(key);
            if (row != null) {
                return row;
            }
            if (size.incrementAndGet() > maxCallSites) {
                size.decrementAndGet();
                return null;
            }
            Tally fresh = new Tally();
            Tally raced = rows.putIfAbsent(key, fresh);
            if (raced != null) {
                size.decrementAndGet();
                return raced;
            }
            return fresh;
        }
    }

    /**
     * A stall followed across its reports, so that it is counted once and its time added as it grows. Created by
     * the watchdog per stalled task; touched only by the stall-report thread.
     */
    static final class StallTally {
        private Key key;
        private Window window;
        private long countedNanos;
        private boolean inOther;
    }

    int maxCallSites() {
        return maxCallSites;
    }

    /** Sets the cap for call sites first seen from now on; rows already there stay until the next reset. */
    void setMaxCallSites(int maxCallSites) {
        this.maxCallSites = Checks.requireInRange(maxCallSites, 1, MAX_CALL_SITES_LIMIT, "maxCallSites");
    }

    /** Forgets everything aggregated so far. */
    void reset() {
        window = new Window(wallClockMillis.getAsLong());
    }

    /** Adds a reported task; never throws. */
    void record(SlowTaskEvent event) {
        try {
            recordTask(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable bug) {
            failures.record("offender report", this, bug);
        }
    }

    /** Adds one report of the stall followed by {@code tally}; never throws. */
    void record(StallEvent event, StallTally tally) {
        try {
            recordStall(event, tally);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable bug) {
            failures.record("offender report", this, bug);
        }
    }

    private void recordTask(SlowTaskEvent event) {
        Window w = window;
        int cap = maxCallSites;
        long now = wallClockMillis.getAsLong();
        long taskNanos = toNanos(event.elapsedMs());
        w.tasks.increment();
        w.droppedCalls.add(event.droppedEvents());
        List<BlockingEventInfo> calls = event.blockingEvents();
        if (calls.isEmpty()) {
            Key key = new Key(OffenderReport.Kind.CPU_BLOCKING, CPU_OPERATION, cpuEntryPoint(event), null);
            add(w, key, cap, 1, 0, taskNanos, BlockingEventInfo.UNKNOWN_DURATION, "", now);
            return;
        }
        // One update per call site per task, so that tasksAffected counts the task once.
        Map<Key, Tally> sites = new LinkedHashMap<>();
        for (BlockingEventInfo call : calls) {
            Key key = new Key(OffenderReport.Kind.BLOCKING_CALL, call.operation(), call.entryPoint(), call.source());
            sites.computeIfAbsent(key, k -> new Tally())
                    .add(1, call.weight(), 0, 0, 0, call.durationNanos(), call.detail(), now);
        }
        boolean inOther = false;
        for (Map.Entry<Key, Tally> site : sites.entrySet()) {
            Tally s = site.getValue();
            inOther |= !add(w, site.getKey(), cap, s.count, s.weight, taskNanos, s.maxCallNanos, s.lastDetail, now);
        }
        if (inOther) {
            w.other.add(0, 0, 1, taskNanos, taskNanos, BlockingEventInfo.UNKNOWN_DURATION, null, now);
        }
    }

    /**
     * Adds one task's calls at one site to its row, or to "other" without the task (the caller adds the task
     * there once); returns false when the site went to "other".
     */
    private static boolean add(Window w, Key key, int cap, long calls, long weight, long taskNanos, long callNanos,
            String detail, long now) {
        Tally row = w.row(key, cap);
        if (row == null) {
            w.other.add(calls, weight, 0, 0, 0, BlockingEventInfo.UNKNOWN_DURATION, null, now);
            return false;
        }
        row.add(calls, weight, 1, taskNanos, taskNanos, callNanos, detail, now);
        return true;
    }

    /**
     * The entry point of a CPU-bound task: the application frame of its most frequent CPU stack sample, where the
     * loop's time went; a task with no sample (sampling off, or it ended before the first) has no stack, so its row
     * is its executor's.
     */
    private static String cpuEntryPoint(SlowTaskEvent event) {
        List<CpuStackSample> samples = event.cpuStackSamples();
        return samples.isEmpty() ? "executor " + event.executorName() : samples.get(0).entryPoint().toString();
    }

    private void recordStall(StallEvent event, StallTally tally) {
        if (tally.key == null) {
            if (event.ended()) {
                // Never reported live (its thread was gone): nothing to count.
                return;
            }
            tally.key = new Key(OffenderReport.Kind.STALL, STALL_OPERATION,
                    SampledBlocking.entryPoint(event.stack()), BlockingEventInfo.Source.SAMPLED);
        }
        Window w = window;
        long now = wallClockMillis.getAsLong();
        long stalledNanos = toNanos(event.stalledMs());
        String detail = event.ended() ? null : stallDetail(event);
        if (tally.window != w) {
            // The stall's first report, or its first since a reset: count the stall in this window.
            tally.window = w;
            tally.countedNanos = 0;
            w.stalls.increment();
            Tally row = w.row(tally.key, maxCallSites);
            tally.inOther = row == null;
            (tally.inOther ? w.other : row).add(1, 0, 1, stalledNanos, stalledNanos,
                    BlockingEventInfo.UNKNOWN_DURATION, tally.inOther ? null : detail, now);
            tally.countedNanos = stalledNanos;
            return;
        }
        long grown = Math.max(0, stalledNanos - tally.countedNanos);
        tally.countedNanos = Math.max(tally.countedNanos, stalledNanos);
        Tally row = tally.inOther ? w.other : w.rows.get(tally.key);
        if (row != null) {
            row.add(0, 0, 0, grown, stalledNanos, BlockingEventInfo.UNKNOWN_DURATION, detail, now);
        }
    }

    /** The state of a stalled thread and the lock it waits for: {@code BLOCKED on java.lang.Object@1b6d3586 held by t}. */
    private static String stallDetail(StallEvent event) {
        String state = event.threadState().name();
        return event.lockName() == null ? state
                : state + " on " + SampledBlocking.lockText(event.lockName(), event.lockOwnerThreadName());
    }

    /** Returns an immutable snapshot of what was aggregated since start or the last reset. */
    OffenderReport snapshot() {
        Window w = window;
        List<OffenderReport.Row> rows = new ArrayList<>(w.rows.size());
        for (Map.Entry<Key, Tally> row : w.rows.entrySet()) {
            rows.add(row.getValue().toRow(row.getKey()));
        }
        long otherCount;
        long otherWeight;
        long otherTasks;
        long otherNanos;
        synchronized (w.other) {
            otherCount = w.other.count;
            otherWeight = w.other.weight;
            otherTasks = w.other.tasks;
            otherNanos = w.other.taskNanos;
        }
        return new OffenderReport(Instant.ofEpochMilli(w.sinceMillis), Instant.ofEpochMilli(wallClockMillis.getAsLong()),
                maxCallSites, w.tasks.sum(), w.stalls.sum(), w.droppedCalls.sum(), rows, otherCount, otherWeight,
                otherTasks, toMillis(otherNanos));
    }

    private static long toNanos(double millis) {
        return Math.round(millis * 1_000_000.0);
    }

    private static double toMillis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return "OffenderAggregator[at most " + maxCallSites + " call sites]";
    }
}
