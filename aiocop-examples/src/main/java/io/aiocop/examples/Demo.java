package io.aiocop.examples;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskEvent;
import io.aiocop.TaskMonitor;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The quick-start demo: a single-threaded executor monitored by aiocop runs a clean task, a task that emits
 * blocking events and a task that hogs the CPU, and prints what aiocop reports for each.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo and exits.
     *
     * @param args ignored
     * @throws Exception when the executor fails
     */
    public static void main(String[] args) throws Exception {
        Aiocop.startBlockingIoDetection(5);
        Aiocop.detectSlowTasks(30, Demo::print);
        Aiocop.registerContextProvider(() -> Map.of("request_id", "req-42"));

        TaskMonitor monitor = TaskMonitor.builder("demo-loop").build();
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-loop"));
        try {
            loop.submit(monitor::bindToCurrentThread).get();
            runTask(loop, monitor, "clean task", () -> { });
            runTask(loop, monitor, "blocking task", () -> {
                Aiocop.audit("open", "/etc/hosts");
                Aiocop.audit("getaddrinfo", "example.org");
            });
            runTask(loop, monitor, "cpu-bound task", () -> spin(40));
        } finally {
            loop.shutdown();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void runTask(ExecutorService loop, TaskMonitor monitor, String name, Runnable body)
            throws Exception {
        System.out.println("-> " + name);
        loop.submit(() -> {
            monitor.beginTask();
            try {
                body.run();
            } finally {
                monitor.endTask();
            }
        }).get();
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.identityHashCode(x);
        }
        if (x == 42) {
            System.out.println("unlikely");
        }
    }

    private static void print(SlowTaskEvent e) {
        System.out.printf("   %s: %.1f ms (threshold %d ms, exceeded=%s), severity %d (%s), context %s%n",
                e.reason().label(), e.elapsedMs(), e.thresholdMs(), e.exceededThreshold(), e.severityScore(),
                e.severityLevel().label(), e.context());
        for (BlockingEventInfo b : e.blockingEvents()) {
            System.out.printf("     %s weight %d at %s%n", b.event(), b.severity(), b.entryPoint());
        }
    }
}
