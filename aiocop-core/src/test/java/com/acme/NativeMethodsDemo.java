package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.HighSeverityBlockingIoException;
import io.aiocop.RaiseOnViolationsScope;
import io.aiocop.TaskMonitor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A program started in its own JVM (with {@code -XX:+AllowRedefinitionToAddDeleteMethods}): it installs the agent
 * by self-attach, prints {@code PATCHED <function>} per instrumented function, then runs {@code Thread.sleep(20)}
 * and {@code lock.wait(20)} in a task on a monitored thread (task {@code monitored}) and on a plain thread while a
 * second task runs (task {@code unmonitored}), and prints each reported event as
 * {@code EVENT <task> <event> <severity> <entry point>}; last it makes a 5 s sleep and wait with raise-on-violations
 * on, which must throw at once ({@code RAISED <call> <ms>}).
 */
public final class NativeMethodsDemo {

    private static final Object LOCK = new Object();

    private NativeMethodsDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args unused
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        Aiocop.patchAuditFunctions();
        Aiocop.startBlockingIoDetection();
        Aiocop.getPatchedFunctions().forEach(f -> System.out.println("PATCHED " + f));
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents().forEach(e -> System.out.println(
                "EVENT " + event.executorName() + " " + e.event() + " " + e.severity() + " " + e.entryPoint())));
        Thread loop = new Thread(() -> {
            TaskMonitor monitor = TaskMonitor.builder("monitored").thresholdMs(1).build();
            monitor.bindToCurrentThread();
            monitor.beginTask();
            try {
                sleepAndWait();
            } finally {
                monitor.endTask();
            }
            TaskMonitor other = TaskMonitor.builder("unmonitored").thresholdMs(1).build();
            monitor.unbindFromCurrentThread();
            other.bindToCurrentThread();
            other.beginTask();
            try {
                AtomicBoolean done = new AtomicBoolean();
                new Thread(() -> {
                    sleepAndWait();
                    done.set(true);
                }, "plain").start();
                while (!done.get()) {
                    Thread.onSpinWait();
                }
            } finally {
                other.endTask();
            }
            other.unbindFromCurrentThread();
            TaskMonitor raising = TaskMonitor.builder("raising").thresholdMs(1).build();
            raising.bindToCurrentThread();
            raising(raising, "sleep", () -> Thread.sleep(5_000));
            raising(raising, "wait", () -> {
                synchronized (LOCK) {
                    LOCK.wait(5_000);
                }
            });
        }, "demo-loop");
        loop.start();
        loop.join();
        System.out.println("DONE");
    }

    /** Blocks with raise-on-violations on, in a task of its own, and prints {@code RAISED <label> <ms taken>}. */
    @SuppressWarnings("try")
    private static void raising(TaskMonitor monitor, String label, Blocking call) {
        monitor.beginTask();
        long start = System.nanoTime();
        try (RaiseOnViolationsScope scope = Aiocop.raiseOnViolations()) {
            call.run();
        } catch (HighSeverityBlockingIoException e) {
            System.out.println("RAISED " + label + " " + (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            monitor.endTask();
        }
    }

    /** A blocking call. */
    @FunctionalInterface
    private interface Blocking {
        void run() throws InterruptedException;
    }

    private static void sleepAndWait() {
        try {
            Thread.sleep(20);
            synchronized (LOCK) {
                LOCK.wait(20);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
