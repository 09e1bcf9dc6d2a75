package io.aiocop;

import io.aiocop.internal.Checks;

/**
 * What one monitored executor has done, read at one instant: totals since its monitor was created (tasks, time in
 * tasks, I/O time, loop iterations), figures of the interval since the previous snapshot of the same chain (task-duration
 * percentiles and max, utilisation, largest lag), and instant values (pending tasks, lag). The node.js analogues
 * are {@code monitorEventLoopDelay} (lag) and event-loop utilisation.
 *
 * <p>What counts as what. A <em>task</em> is every unit of work the executor runs from its queue, whether or not it
 * was reported: {@code execute}/{@code submit}/{@code lazyExecute}, scheduled tasks, a Netty loop's tail tasks and
 * shutdown drains. A Netty loop's I/O processing (what follows each select wait, each channel's dispatch included)
 * is <em>I/O time</em>, not tasks; the lag probe's own task is neither (it is never reported either).
 * Utilisation is (time in tasks + I/O time) over wall time, in the interval, counting the part of a task still
 * running that falls in it, so a loop stuck in one long task reads 1 while it is stuck.
 *
 * <p>Each reader keeps its own chain ({@link MonitoredLoop#health()}, then {@link #next()} on the last snapshot);
 * readers never disturb the loop or each other. Reading is lock-free and does not stop the loop, so a snapshot is
 * not one atomic instant: a task that ends while a snapshot is taken may fall in this interval or the next, never
 * in both and never in neither (over a whole chain every task counts once). Durations are kept to within 6.25%
 * (log-linear buckets): a percentile or max is the greatest value of its bucket. Immutable and thread-safe.
 */
public final class LoopHealth {

    /** What {@link #lagNanos()} and {@link #maxLagNanos()} return when the executor runs no lag probe. */
    public static final long NO_LAG = -1;

    private final MonitoredLoop loop;
    private final long atNanos;
    private final long intervalNanos;
    private final long[] taskCounts;
    private final long[] intervalTaskCounts;
    private final long tasks;
    private final long intervalTasks;
    private final long taskTimeNanos;
    private final long ioTimeNanos;
    private final long iterations;
    private final double utilization;
    /** The running task's time counted in this interval, and that task's start: the next interval subtracts it. */
    private final long runningCreditNanos;
    private final int pendingTasks;
    private final long[] lagCounts;
    private final long lagNanos;
    private final long maxLagNanos;

    private LoopHealth(MonitoredLoop loop, long atNanos, LoopHealth previous) {
        TaskMonitor monitor = loop.monitor();
        LoopRecorder recorder = monitor.recorder();
        this.loop = loop;
        this.atNanos = atNanos;
        this.intervalNanos = previous == null ? 0 : atNanos - previous.atNanos;
        long runningSince = monitor.runningSinceNanos();
        this.taskCounts = new long[LogLinearHistogram.BUCKETS];
        this.lagCounts = new long[LogLinearHistogram.BUCKETS];
        recorder.copyTaskCounts(taskCounts);
        recorder.copyLagCounts(lagCounts);
        this.intervalTaskCounts = previous == null ? taskCounts : minus(taskCounts, previous.taskCounts);
        this.taskTimeNanos = recorder.taskTimeNanos();
        this.ioTimeNanos = recorder.ioTimeNanos();
        this.iterations = recorder.iterations();
        this.runningCreditNanos = runningSince == TaskMonitor.NOT_RUNNING ? 0 : Math.max(0, atNanos - runningSince);
        this.tasks = LogLinearHistogram.total(taskCounts);
        this.intervalTasks = LogLinearHistogram.total(intervalTaskCounts);
        this.utilization = previous == null ? 0 : utilization(previous);
        this.pendingTasks = loop.pendingTasks();
        long due = recorder.nextProbeDueNanos();
        if (due == LoopRecorder.NO_PROBE) {
            this.lagNanos = NO_LAG;
            this.maxLagNanos = NO_LAG;
        } else {
            // A probe overdue now is late by at least that much: a loop stuck in one task shows its lag growing.
            long overdue = atNanos - due;
            this.lagNanos = Math.max(recorder.lastLagNanos(), overdue);
            long[] intervalLags = previous == null ? lagCounts : minus(lagCounts, previous.lagCounts);
            this.maxLagNanos = Math.max(LogLinearHistogram.maxValue(intervalLags), Math.max(0, overdue));
        }
    }

    private static long[] minus(long[] now, long[] before) {
        long[] difference = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            difference[i] = now[i] - before[i];
        }
        return difference;
    }

    /** Busy time over wall time in the interval; the running task's credit moves from one interval to the next. */
    private double utilization(LoopHealth previous) {
        if (intervalNanos <= 0) {
            return 0;
        }
        long busy = (taskTimeNanos - previous.taskTimeNanos) + (ioTimeNanos - previous.ioTimeNanos)
                - previous.runningCreditNanos + runningCreditNanos;
        return Math.min(1, Math.max(0, (double) busy / intervalNanos));
    }

    /** The zero snapshot of a loop just registered: the start of every chain. */
    static LoopHealth start(MonitoredLoop loop) {
        return new LoopHealth(loop, loop.monitor().ticker().read(), null);
    }

    /**
     * Reads the executor again: the returned snapshot's interval figures cover the time since this one.
     *
     * @return a new snapshot
     */
    public LoopHealth next() {
        return new LoopHealth(loop, loop.monitor().ticker().read(), this);
    }

    /**
     * Returns the executor this snapshot is of.
     *
     * @return the executor
     */
    public MonitoredLoop loop() {
        return loop;
    }

    /**
     * Returns the length of the interval this snapshot's interval figures cover.
     *
     * @return nanoseconds since the previous snapshot of the chain
     */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * Returns how many tasks the executor has run since its monitor was created.
     *
     * @return the count, reported or not
     */
    public long tasks() {
        return tasks;
    }

    /**
     * Returns how many tasks ended in the interval.
     *
     * @return the count
     */
    public long intervalTasks() {
        return intervalTasks;
    }

    /**
     * Returns the time spent in tasks since the executor's monitor was created.
     *
     * @return nanoseconds
     */
    public long taskTimeNanos() {
        return taskTimeNanos;
    }

    /**
     * Returns a task-duration percentile of the tasks that ended in the interval.
     *
     * @param quantile between 0 and 1, e.g. 0.99
     * @return nanoseconds, within 6.25% above the true value; 0 when no task ended in the interval
     * @throws IllegalArgumentException when {@code quantile} is not between 0 and 1
     */
    public long taskDurationNanos(double quantile) {
        Checks.requireArgument(quantile >= 0 && quantile <= 1, "quantile must be between 0 and 1, was %s", quantile);
        return LogLinearHistogram.valueAt(intervalTaskCounts, intervalTasks, quantile);
    }

    /**
     * Returns the longest task that ended in the interval.
     *
     * @return nanoseconds, within 6.25% above the true value; 0 when no task ended
     */
    public long maxTaskDurationNanos() {
        return LogLinearHistogram.maxValue(intervalTaskCounts);
    }

    /**
     * Returns the time spent processing I/O since the monitor was created (0 for an executor without I/O).
     *
     * @return nanoseconds
     */
    public long ioTimeNanos() {
        return ioTimeNanos;
    }

    /**
     * Returns how many I/O iterations (a select wait and what follows it) the loop has run.
     *
     * @return the count; 0 for an executor without I/O
     */
    public long iterations() {
        return iterations;
    }

    /**
     * Returns the fraction of the interval the executor was busy, in tasks or I/O.
     *
     * @return between 0 and 1
     */
    public double utilization() {
        return utilization;
    }

    /**
     * Returns how many tasks wait in the executor's queue now.
     *
     * @return the count, or -1 when it could not be read
     */
    public int pendingTasks() {
        return pendingTasks;
    }

    /**
     * Returns the event-loop lag: how late the latest lag probe ran, or how overdue the next one is if that is more
     * (so a stuck loop's lag grows while it is stuck).
     *
     * @return nanoseconds, or {@link #NO_LAG} when the executor runs no lag probe
     */
    public long lagNanos() {
        return lagNanos;
    }

    /**
     * Returns the largest lag seen in the interval, probes that ran and the one overdue now.
     *
     * @return nanoseconds, or {@link #NO_LAG} when the executor runs no lag probe
     */
    public long maxLagNanos() {
        return maxLagNanos;
    }

    @Override
    public String toString() {
        return "LoopHealth[" + loop.groupName() + "/" + loop.name() + ", tasks=" + tasks + ", utilization="
                + utilization + ", pending=" + pendingTasks + ", lagNanos=" + lagNanos + "]";
    }
}
