package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.io.FileInputStream;

/**
 * A program started in its own JVM with {@code -javaagent:aiocop-core.jar}: on a monitored thread it opens a file
 * and reads standard input inside one task, and prints each reported event as {@code EVENT <text>}.
 */
public final class AgentDemo {

    private AgentDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args the file to open
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        Aiocop.startBlockingIoDetection();
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents()
                .forEach(e -> System.out.println("EVENT " + e.event() + " at " + e.entryPoint())));
        System.out.println("PATCHED " + Aiocop.isAuditFunctionsPatched());
        Thread loop = new Thread(() -> {
            TaskMonitor monitor = TaskMonitor.builder("demo").build();
            monitor.bindToCurrentThread();
            monitor.beginTask();
            try (FileInputStream in = new FileInputStream(args[0])) {
                in.read();
                System.in.read();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                monitor.endTask();
            }
        }, "demo-loop");
        loop.start();
        loop.join();
    }
}
