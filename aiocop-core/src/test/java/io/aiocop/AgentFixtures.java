package io.aiocop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real loopback peers for the agent tests: a server on 127.0.0.1 that, for every connection, streams bytes to the
 * client and discards what it receives, so that reads and writes on the client never wait long.
 */
final class AgentFixtures {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private AgentFixtures() {
    }

    /** Installs the agent and the allowance of the test loop's wait for tasks, as Netty's takeTask is allowed. */
    static void installAgent() {
        Aiocop.patchAuditFunctions();
        Aiocop.allowBlockingCallsInside(AgentTestLoop.class.getName(), "takeTask");
        Aiocop.startBlockingIoDetection();
    }

    /**
     * Starts {@code process} (a separate JVM) with its output and errors in {@code out}, waits up to two minutes for
     * it and returns its output lines.
     */
    static List<String> runToEnd(ProcessBuilder process, Path out) throws IOException, InterruptedException {
        Process started = process.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!started.waitFor(120, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new AssertionError("the JVM did not end in two minutes: " + Files.readAllLines(out));
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (started.exitValue() != 0) {
            throw new AssertionError("the JVM exited with " + started.exitValue() + ": " + lines);
        }
        return lines;
    }

    /** A streaming loopback server; close it to stop. */
    static final class StreamingServer implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger accepted = new AtomicInteger();

        StreamingServer() throws IOException {
            server = new ServerSocket(0, 50, LOOPBACK);
            Thread acceptor = new Thread(this::acceptLoop, "streaming-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, server.getLocalPort());
        }

        /** The address as events show it. */
        String text() {
            return LOOPBACK.getHostAddress() + ":" + server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    daemon(() -> pump(socket.getOutputStream()));
                    daemon(() -> drain(socket.getInputStream()));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(OutputStream out) throws IOException {
            byte[] chunk = new byte[8192];
            while (true) {
                out.write(chunk);
            }
        }

        private static void drain(InputStream in) throws IOException {
            byte[] chunk = new byte[8192];
            while (in.read(chunk) >= 0) {
                // discard
            }
        }

        private static void daemon(AgentTestLoop.Action body) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Exception closed) {
                    // The peer went away.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
