package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;

/**
 * A program started in its own JVM by {@code NativeMethodsJfrMatrixAgentTest}, with or without
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods} and a JFR recording: installs the agent by self-attach, optionally
 * starts a recording after install ({@code jfr-after}) that records monitor waits and sleeps with stack traces,
 * then sleeps, waits and parks 100 ms each in tasks on a monitored thread and on a plain thread, and prints every
 * reported event as {@code EVENT <executor> <operation> <source>}, then {@code DONE}.
 */
public final class NativeJfrMatrixDemo {

    private static final Object LOCK = new Object();

    private NativeJfrMatrixDemo() {
    }

    /** A loop thread of a class of its own, as a monitored executor's. */
    private static final class LoopThread extends Thread {
        LoopThread(Runnable body) {
            super(body, "matrix-loop");
        }
    }

    /**
     * Runs the demo.
     *
     * @param args {@code jfr-after} to start a recording after the agent is installed
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        Aiocop.patchAuditFunctions();
        Aiocop.startBlockingIoDetection();
        Aiocop.disableDefaultReporter();
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents().forEach(e -> System.out.println(
                "EVENT " + event.executorName() + " " + e.operation() + " " + e.source())));
        Recording recording = null;
        if (args.length > 0 && args[0].equals("jfr-after")) {
            recording = new Recording();
            recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
        }
        Thread loop = new LoopThread(() -> {
            TaskMonitor monitor = TaskMonitor.builder("monitored").thresholdMs(30).build();
            monitor.bindToCurrentThread();
            try {
                for (Runnable call : new Runnable[] {
                    NativeJfrMatrixDemo::sleep, NativeJfrMatrixDemo::waitOnLock, NativeJfrMatrixDemo::park}) {
                    monitor.beginTask();
                    try {
                        call.run();
                    } finally {
                        monitor.endTask();
                    }
                }
            } finally {
                monitor.unbindFromCurrentThread();
            }
        });
        loop.start();
        loop.join();
        Thread plain = new Thread(() -> {
            sleep();
            waitOnLock();
            park();
        }, "plain");
        plain.start();
        plain.join();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        System.out.println("DONE");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitOnLock() {
        synchronized (LOCK) {
            try {
                LOCK.wait(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void park() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
}
