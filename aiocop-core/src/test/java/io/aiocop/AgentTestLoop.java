package io.aiocop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A single-thread executor whose thread is bound to a {@link TaskMonitor}, like a monitored Netty loop: its thread
 * has a class of its own ({@link LoopThread}), and waiting for the next task happens in {@link #takeTask()}, which
 * the agent tests allow-list as Netty's {@code takeTask} is.
 */
final class AgentTestLoop implements AutoCloseable {

    /** Runs code that may throw anything. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** The loop's own thread class, like Netty's FastThreadLocalThread subclass. */
    static final class LoopThread extends Thread {
        LoopThread(Runnable body, String name) {
            super(body, name);
            setDaemon(true);
        }
    }

    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<SlowTaskEvent> reported = new CopyOnWriteArrayList<>();
    private final String name;
    private final TaskMonitor monitor;
    private final SlowTaskCallback callback;
    private final LoopThread thread;

    AgentTestLoop(String name) {
        this.name = name;
        this.monitor = TaskMonitor.builder(name).thresholdMs(600_000).build();
        this.callback = event -> {
            if (event.executorName().equals(this.name)) {
                reported.add(event);
            }
        };
        Aiocop.registerSlowTaskCallback(callback);
        this.thread = new LoopThread(this::loop, name);
        thread.start();
    }

    private void loop() {
        monitor.bindToCurrentThread();
        try {
            for (Runnable task = takeTask(); task != STOP; task = takeTask()) {
                task.run();
            }
        } finally {
            monitor.unbindFromCurrentThread();
        }
    }

    Runnable takeTask() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            return STOP;
        }
    }

    /** The outcome of one task: the blocking events it reported and what the action threw, if anything. */
    record Outcome(List<BlockingEventInfo> events, Throwable thrown) {
    }

    /** Runs {@code action} as one monitored task on the loop and waits for it. */
    Outcome runTask(Action action) throws Exception {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        queue.add(() -> {
            int before = reported.size();
            Throwable thrown = null;
            monitor.beginTask();
            try {
                action.run();
            } catch (Throwable t) {
                thrown = t;
            } finally {
                monitor.endTask();
            }
            List<BlockingEventInfo> events = new ArrayList<>();
            for (SlowTaskEvent event : reported.subList(before, reported.size())) {
                events.addAll(event.blockingEvents());
            }
            done.complete(new Outcome(events, thrown));
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code action} on a new thread that runs no monitor, while a task is open on the loop, and returns what
     * the loop's task reported.
     */
    List<BlockingEventInfo> runElsewhereDuringTask(Thread other) throws Exception {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<List<BlockingEventInfo>> closed = new CompletableFuture<>();
        queue.add(() -> {
            monitor.beginTask();
            opened.complete(null);
        });
        opened.get(60, TimeUnit.SECONDS);
        other.start();
        other.join(60_000);
        int before = reported.size();
        queue.add(() -> {
            monitor.endTask();
            List<BlockingEventInfo> events = new ArrayList<>();
            for (SlowTaskEvent event : reported.subList(before, reported.size())) {
                events.addAll(event.blockingEvents());
            }
            closed.complete(events);
        });
        return closed.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Aiocop.unregisterSlowTaskCallback(callback);
    }
}
