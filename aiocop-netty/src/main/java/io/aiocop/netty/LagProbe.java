package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop lag probe of one monitored executor: a no-op task scheduled every interval on the executor that
 * measures how late it runs, i.e. how long a task due now waits behind the loop's wait, I/O and queue (node.js's
 * {@code monitorEventLoopDelay}). It tells the monitor, from inside its own task, so that this task is neither
 * counted as a task nor reported.
 *
 * <p>Confined to the executor's thread: started from the loop's {@code run()} and re-armed by itself, one scheduled
 * task at a time (Netty allocates one future per run, ten a second at the default interval). It stops when the
 * executor shuts down or is asked to suspend (Netty's auto-scaling, or {@code trySuspend()}), since a scheduled
 * task keeps a loop from suspending; a suspension therefore waits for at most one interval, and the loop starts
 * its probe again when it resumes.
 */
final class LagProbe implements Runnable {

    private final SingleThreadEventExecutor executor;
    private final TaskMonitor monitor;
    /** Loop thread only; a move to another thread is ordered by Netty's processing lock. */
    private boolean armed;
    private long dueNanos;

    LagProbe(SingleThreadEventExecutor executor, TaskMonitor monitor) {
        this.executor = executor;
        this.monitor = monitor;
    }

    /** Starts the probe at the monitor's interval unless it runs or the interval is 0; from the executor's thread. */
    void start() {
        long intervalMs = monitor.lagProbeIntervalMs();
        if (!armed && intervalMs > 0) {
            armed = true;
            arm(monitor.ticker().read(), TimeUnit.MILLISECONDS.toNanos(intervalMs));
        }
    }

    private void arm(long nowNanos, long intervalNanos) {
        dueNanos = nowNanos + intervalNanos;
        monitor.scheduleLagProbe(dueNanos);
        executor.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = monitor.ticker().read();
        monitor.recordLagProbe(dueNanos, now);
        if (executor.isShuttingDown() || executor.isSuspended()) {
            armed = false;
            monitor.stopLagProbe();
            return;
        }
        arm(now, TimeUnit.MILLISECONDS.toNanos(monitor.lagProbeIntervalMs()));
    }

    @Override
    public String toString() {
        return "LagProbe[" + monitor.name() + "]";
    }
}
