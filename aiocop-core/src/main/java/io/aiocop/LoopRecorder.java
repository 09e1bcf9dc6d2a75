package io.aiocop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The health counters of one monitored executor, updated by its {@link TaskMonitor} at every task boundary with
 * plain arithmetic and read by {@link LoopHealth} from any thread.
 *
 * <p>Memory ordering: one writer at a time (the thread bound to the monitor; when a loop moves to another thread,
 * Netty's processing lock orders the old thread's writes before the new one's). Each field is written with an
 * opaque store of a value the writer computed from its own plain read, and read by other threads with an opaque
 * load: each value is read whole and no counter is seen to go backwards, at the price of a plain move on x86 and
 * ARM. No ordering between two fields is relied on: a reader may see a task's duration in the histogram before its
 * time in {@link #taskTimeNanos()}, and {@link LoopHealth} says what that can cost (a task moved between two
 * adjacent intervals, never lost or counted twice over the whole run).
 */
final class LoopRecorder {

    /** {@link TaskMonitor}'s kinds of unit: a task, I/O processing, and the lag probe's own task. */
    static final byte TASK = 0;
    static final byte IO = 1;
    static final byte PROBE = 2;

    /** {@link #nextProbeDueNanos()} while no lag probe is scheduled. */
    static final long NO_PROBE = Long.MIN_VALUE;

    private static final VarHandle TASK_TIME;
    private static final VarHandle IO_TIME;
    private static final VarHandle ITERATIONS;
    private static final VarHandle LAST_LAG;
    private static final VarHandle NEXT_PROBE_DUE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TASK_TIME = lookup.findVarHandle(LoopRecorder.class, "taskTimeNanos", long.class);
            IO_TIME = lookup.findVarHandle(LoopRecorder.class, "ioTimeNanos", long.class);
            ITERATIONS = lookup.findVarHandle(LoopRecorder.class, "iterations", long.class);
            LAST_LAG = lookup.findVarHandle(LoopRecorder.class, "lastLagNanos", long.class);
            NEXT_PROBE_DUE = lookup.findVarHandle(LoopRecorder.class, "nextProbeDueNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LogLinearHistogram tasks = new LogLinearHistogram();
    private final LogLinearHistogram lags = new LogLinearHistogram();

    // Accessed through the VarHandles above by other threads.
    private long taskTimeNanos;
    private long ioTimeNanos;
    private long iterations;
    private long lastLagNanos;
    private long nextProbeDueNanos = NO_PROBE;

    /** Records a unit that ended after {@code nanos}; bound thread only. */
    void record(byte kind, long nanos) {
        if (kind == TASK) {
            tasks.record(nanos);
            TASK_TIME.setOpaque(this, taskTimeNanos + Math.max(0, nanos));
        } else if (kind == IO) {
            IO_TIME.setOpaque(this, ioTimeNanos + Math.max(0, nanos));
        }
    }

    /** Counts a loop iteration; bound thread only. */
    void recordIteration() {
        ITERATIONS.setOpaque(this, iterations + 1);
    }

    /** Records how late a lag probe ran; bound thread only. */
    void recordLag(long lateNanos) {
        long lag = Math.max(0, lateNanos);
        lags.record(lag);
        LAST_LAG.setOpaque(this, lag);
    }

    /** Records when the next lag probe is due, or {@link #NO_PROBE}; bound thread only. */
    void recordNextProbeDue(long dueNanos) {
        NEXT_PROBE_DUE.setOpaque(this, dueNanos);
    }

    void copyTaskCounts(long[] into) {
        tasks.copyInto(into);
    }

    void copyLagCounts(long[] into) {
        lags.copyInto(into);
    }

    long taskTimeNanos() {
        return (long) TASK_TIME.getOpaque(this);
    }

    long ioTimeNanos() {
        return (long) IO_TIME.getOpaque(this);
    }

    long iterations() {
        return (long) ITERATIONS.getOpaque(this);
    }

    long lastLagNanos() {
        return (long) LAST_LAG.getOpaque(this);
    }

    long nextProbeDueNanos() {
        return (long) NEXT_PROBE_DUE.getOpaque(this);
    }
}
