package io.aiocop.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny TCP "database" on 127.0.0.1 that answers each query line after a delay, and the blocking client call a
 * JDBC driver makes: connect, write the query, wait for the answer. What a handler that calls JDBC on the event
 * loop does to that loop, without needing a database.
 */
final class FakeDatabase implements AutoCloseable {

    private final ServerSocket server;
    private final long delayMs;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-database");
        thread.setDaemon(true);
        return thread;
    });

    private FakeDatabase(ServerSocket server, long delayMs) {
        this.server = server;
        this.delayMs = delayMs;
    }

    /** Starts a database that answers every query {@code delayMs} after it arrives. */
    static FakeDatabase start(long delayMs) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FakeDatabase database = new FakeDatabase(server, delayMs);
        database.connections.execute(database::accept);
        return database;
    }

    /**
     * Sends one query on a new connection and waits for its answer, as a blocking driver does.
     *
     * @return the answer line
     */
    String query(String sql) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             PrintWriter out = new PrintWriter(
                     new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            out.println(sql);
            return in.readLine();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> answer(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void answer(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(
                     new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true)) {
            String query = in.readLine();
            TimeUnit.MILLISECONDS.sleep(delayMs);
            out.println("1 row: " + query);
        } catch (IOException e) {
            // The client went away: nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
