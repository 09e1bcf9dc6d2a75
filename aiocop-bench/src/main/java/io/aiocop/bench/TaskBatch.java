package io.aiocop.bench;

import io.netty.channel.EventLoop;

/**
 * A batch of tasks run through one event loop, for {@link TaskDispatchBenchmark}.
 *
 * <p>The batch starts with this object running as a task on the loop; it queues the work tasks and a completion
 * task from the loop thread itself, so the loop's per-task path (queue offer, {@code pollTask}, run, and aiocop's
 * timing where monitored) is what gets measured, not the cross-thread wake-ups of an external submitter. The
 * benchmark thread only starts the batch and spins until the completion task has run. Nothing is allocated per
 * batch: the tasks are created once.
 */
final class TaskBatch implements Runnable {

    private final EventLoop loop;
    private final Runnable task;
    private final int workTasks;
    private final Runnable completion = this::complete;

    /** Written by the benchmark thread only. */
    private long started;

    /** Written by the loop thread only (single writer), read by the benchmark thread. */
    private volatile long completed;

    /**
     * Creates a batch.
     *
     * @param loop  the loop that runs it
     * @param task  the work task, run {@code size - 2} times
     * @param size  how many tasks the loop runs per batch, counting this one and the completion task
     */
    TaskBatch(EventLoop loop, Runnable task, int size) {
        if (size < 3) {
            throw new IllegalArgumentException("batch size must be >= 3, was " + size);
        }
        this.loop = loop;
        this.task = task;
        this.workTasks = size - 2;
    }

    /** Runs one batch and returns once its last task has run; call from one thread only. */
    void runAndAwait() {
        long batch = ++started;
        loop.execute(this);
        while (completed != batch) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void run() {
        for (int i = 0; i < workTasks; i++) {
            loop.execute(task);
        }
        loop.execute(completion);
    }

    private void complete() {
        completed = completed + 1;
    }
}
