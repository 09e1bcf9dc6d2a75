package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.Executor;

/**
 * An event executor like Netty's {@code DefaultEventExecutor} that makes each task it runs a task of its
 * {@link TaskMonitor}. Waiting for the next task is not part of any task.
 *
 * <p>Unlike {@code DefaultEventExecutor}, a task that throws is logged by Netty and the executor goes on, as an
 * event loop does.
 */
final class MonitoredEventExecutor extends SingleThreadEventExecutor {

    private final TaskMonitor monitor;

    private MonitoredEventExecutor(EventExecutorGroup parent, Executor executor, TaskMonitor monitor) {
        super(parent, new ThreadBindingExecutor(executor, monitor), true);
        this.monitor = monitor;
        monitor.registerLoop(this::pendingTasks);
        terminationFuture().addListener(terminated -> monitor.unregisterLoop());
    }

    /** Creates the next child of a monitored executor group; {@code args} holds the group's settings. */
    static MonitoredEventExecutor newChild(EventExecutorGroup parent, Executor executor, Object[] args) {
        return new MonitoredEventExecutor(parent, executor, GroupSettings.from(args).newChildMonitor());
    }

    @Override
    protected void run() {
        new LagProbe(this, monitor).start();
        try {
            for (;;) {
                Runnable task = takeTask();
                if (task != null) {
                    TaskBoundaries.begin(monitor, null);
                    safeExecute(task);
                    TaskBoundaries.end(monitor);
                    updateLastExecutionTime();
                }
                if (confirmShutdown()) {
                    break;
                }
            }
        } finally {
            TaskBoundaries.end(monitor);
        }
    }

    /** Only {@code confirmShutdown()} calls this: the drain while shutting down is one task. */
    @Override
    protected boolean runAllTasks() {
        return TaskBoundaries.timed(monitor, null, super::runAllTasks);
    }

    @Override
    public String toString() {
        return "MonitoredEventExecutor[" + monitor.name() + "]";
    }
}
