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
 * executor shuts down. Not started where the executor can suspend itself (Netty's auto-scaling): a scheduled task
 * would keep it from ever being suspended.
 */
final class LagProbe implements Runnable {

    private final SingleThreadEventExecutor executor;
    private final TaskMonitor monitor;
    private final long intervalNanos;
    private long dueNanos;

    private LagProbe(SingleThreadEventExecutor executor, TaskMonitor monitor, long intervalNanos) {
        this.executor = executor;
        this.monitor = monitor;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Starts the probe of {@code executor} at the monitor's interval, unless that is 0; from the executor's thread.
     *
     * @param suspendable whether the executor may suspend itself, in which case no probe runs
     */
    static void start(SingleThreadEventExecutor executor, TaskMonitor monitor, boolean suspendable) {
        long intervalMs = monitor.lagProbeIntervalMs();
        if (intervalMs > 0 && !suspendable) {
            new LagProbe(executor, monitor, TimeUnit.MILLISECONDS.toNanos(intervalMs)).arm(monitor.ticker().read());
        }
    }

    private void arm(long nowNanos) {
        dueNanos = nowNanos + intervalNanos;
        monitor.scheduleLagProbe(dueNanos);
        executor.schedule(this, intervalNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = monitor.ticker().read();
        monitor.recordLagProbe(dueNanos, now);
        if (!executor.isShuttingDown()) {
            arm(now);
        }
    }

    @Override
    public String toString() {
        return "LagProbe[" + monitor.name() + "]";
    }
}
