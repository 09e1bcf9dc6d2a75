package io.aiocop.netty;

import io.aiocop.Aiocop;
import io.aiocop.ContextProvider;
import io.aiocop.TaskMonitor;

/**
 * The two moves every monitored executor makes at a task boundary, each costing one {@link System#nanoTime()} at
 * most and nothing at all while monitoring is deactivated and no task is open.
 */
final class TaskBoundaries {

    private TaskBoundaries() {
    }

    /**
     * Starts a task, ending the open one (if any) at the same instant.
     *
     * @param context the task's context, read only if the task is reported; may be null
     */
    static void begin(TaskMonitor monitor, ContextProvider context) {
        if (monitor.isInTask() || Aiocop.isMonitoringActive()) {
            monitor.beginTask(System.nanoTime(), context);
        }
    }

    /**
     * Starts a unit of I/O processing (a channel's dispatch), ending the open one at the same instant: timed like a
     * task, counted as I/O time in the loop's health.
     *
     * @param context the unit's context, read only if it is reported; may be null
     */
    static void beginIo(TaskMonitor monitor, ContextProvider context) {
        if (monitor.isInTask() || Aiocop.isMonitoringActive()) {
            monitor.beginIoTask(System.nanoTime(), context);
        }
    }

    /** Starts the I/O processing of a loop iteration, right after its wait, ending the open unit at that instant. */
    static void beginIteration(TaskMonitor monitor) {
        if (monitor.isInTask() || Aiocop.isMonitoringActive()) {
            monitor.beginIteration(System.nanoTime());
        }
    }

    /** Ends the open task, if any. */
    static void end(TaskMonitor monitor) {
        if (monitor.isInTask()) {
            monitor.endTask(System.nanoTime());
        }
    }

    /** Work timed as one task by {@link #timed}. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs rare work (a shutdown drain, a channel's close) as one task of its own, begun and ended around it. The
     * lambda allocates, which is why the per-task paths do not use this.
     */
    static <T, E extends Exception> T timed(TaskMonitor monitor, ContextProvider context, Work<T, E> work) throws E {
        begin(monitor, context);
        try {
            return work.run();
        } finally {
            end(monitor);
        }
    }
}
