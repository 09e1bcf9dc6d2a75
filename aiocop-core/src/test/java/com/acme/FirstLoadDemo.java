package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.nio.channels.SocketChannel;

/**
 * A program started in its own JVM from jars, with the agent installed: inside a task on a monitored thread it is
 * the first to load {@code sun.nio.ch.SocketChannelImpl}, a bootstrap class the agent transforms on that thread
 * while reading its advice from aiocop's jar. Prints {@code PATCHED <method>} for each instrumented method of that
 * class and {@code EVENT <text>} for each reported event.
 */
public final class FirstLoadDemo {

    private FirstLoadDemo() {
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
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents()
                .forEach(e -> System.out.println("EVENT " + e.event() + " at " + e.entryPoint())));
        Thread loop = new Thread(() -> {
            TaskMonitor monitor = TaskMonitor.builder("first-load").build();
            monitor.bindToCurrentThread();
            monitor.beginTask();
            try (SocketChannel channel = SocketChannel.open()) {
                channel.configureBlocking(false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                monitor.endTask();
            }
        }, "first-load-loop");
        loop.start();
        loop.join();
        Aiocop.getPatchedFunctions().stream()
                .filter(method -> method.startsWith("sun.nio.ch.SocketChannelImpl#"))
                .forEach(method -> System.out.println("PATCHED " + method));
    }
}
