package io.aiocop;

import java.util.function.IntSupplier;

/**
 * One monitored executor whose health can be read, as {@link Aiocop#loops()} and {@link LoopListener} list them: an
 * event loop of a monitored Netty group, or any executor whose {@link TaskMonitor} was
 * {@linkplain TaskMonitor#registerLoop(IntSupplier) registered}.
 *
 * <p>Thread-safe. Its identity is the executor's, not a thread's: a Netty 4.2 loop that auto-scaling moves to another
 * thread stays the same {@code MonitoredLoop} with the same {@link #name()}.
 */
public final class MonitoredLoop {

    private final TaskMonitor monitor;
    private final IntSupplier pendingTasks;
    private final LoopHealth start;

    MonitoredLoop(TaskMonitor monitor, IntSupplier pendingTasks) {
        this.monitor = monitor;
        this.pendingTasks = pendingTasks;
        this.start = LoopHealth.start(this);
    }

    /**
     * Returns the name of the group the executor belongs to.
     *
     * @return e.g. {@code "http-worker"}; see {@link TaskMonitor#groupName()}
     */
    public String groupName() {
        return monitor.groupName();
    }

    /**
     * Returns the executor's name, the same as {@link SlowTaskEvent#executorName()} of its tasks.
     *
     * @return e.g. {@code "http-worker-1"}
     */
    public String name() {
        return monitor.name();
    }

    /**
     * Reads the executor's health now. Its interval figures cover the time since the executor was registered; call
     * {@link LoopHealth#next()} on the result for the figures of the next interval.
     *
     * @return a new snapshot
     */
    public LoopHealth health() {
        return start.next();
    }

    TaskMonitor monitor() {
        return monitor;
    }

    /** Returns the executor's queued tasks; a supplier that throws counts as -1 and is recorded as a failure. */
    int pendingTasks() {
        try {
            return pendingTasks.getAsInt();
        } catch (RuntimeException e) {
            MonitoringState.FAILURES.record("pending-tasks supplier of", monitor, e);
            return -1;
        }
    }

    @Override
    public String toString() {
        return "MonitoredLoop[" + groupName() + "/" + name() + "]";
    }
}
