package io.aiocop;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real single-threaded executor driven by a {@link TaskMonitor}, the way a monitored event loop drives it:
 * bind on start, one task between {@code beginTask} and {@code endTask}, callbacks after the task.
 */
final class TestLoop implements AutoCloseable {

    private record Job(Runnable body, CompletableFuture<Void> done) {
    }

    private static final Job STOP = new Job(() -> { }, new CompletableFuture<>());

    final TaskMonitor monitor;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    TestLoop(TaskMonitor.Builder builder) {
        this.monitor = builder.build();
        this.thread = new Thread(this::loop, "test-loop-" + monitor.name());
        thread.setDaemon(true);
        thread.start();
    }

    TestLoop() {
        this(TaskMonitor.builder("test"));
    }

    private void loop() {
        monitor.bindToCurrentThread();
        try {
            while (true) {
                Job job = queue.take();
                if (job == STOP) {
                    return;
                }
                Throwable failure = null;
                monitor.beginTask();
                try {
                    job.body.run();
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    monitor.endTask();
                }
                if (failure == null) {
                    job.done.complete(null);
                } else {
                    job.done.completeExceptionally(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            monitor.unbindFromCurrentThread();
        }
    }

    /** Runs {@code body} as one task and waits until the task and its callbacks are over. */
    void run(Runnable body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Job(body, done));
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("task failed", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("task did not finish", e);
        }
    }

    /** Runs {@code body} as one task and returns what it threw, or null. */
    Throwable runCatching(Runnable body) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        run(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        return thrown.get();
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
