package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A program started in its own JVM with {@code -Xverify:all}: unless the agent came with {@code -javaagent}, it
 * installs it with {@link Aiocop#patchAuditFunctions()}; then, in one task on a monitored thread, it sleeps, reads a
 * file and connects to a loopback server, and prints {@code PATCHED <true|false>}, each reported event as
 * {@code EVENT <text>} and {@code DONE} at the end.
 */
public final class VerifyAllDemo {

    private VerifyAllDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args the file to read
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        if (!Aiocop.isAuditFunctionsPatched()) {
            Aiocop.patchAuditFunctions();
        }
        Aiocop.startBlockingIoDetection();
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents()
                .forEach(e -> System.out.println("EVENT " + e.event())));
        System.out.println("PATCHED " + Aiocop.isAuditFunctionsPatched());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread loop = new Thread(() -> {
                TaskMonitor monitor = TaskMonitor.builder("verify-all").build();
                monitor.bindToCurrentThread();
                monitor.beginTask();
                try (FileInputStream in = new FileInputStream(args[0]);
                        Socket socket = new Socket()) {
                    TimeUnit.MILLISECONDS.sleep(1);
                    in.read();
                    socket.connect(server.getLocalSocketAddress());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    monitor.endTask();
                }
            }, "verify-all-loop");
            loop.start();
            loop.join();
        }
        System.out.println("DONE");
    }
}
