package io.aiocop.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged demo jar run as a user runs it, {@code java -jar aiocop-demo.jar ...}, on the JVM that runs the
 * tests (so {@code -Djvm=...} runs it on that JDK too), with its output collected.
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private DemoProcess(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", demoJar().toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the demo with {@code args}. */
    static DemoProcess start(String... args) throws IOException {
        return new DemoProcess(List.of(args));
    }

    /** Starts {@code --serve} and waits until it says where it listens. */
    static DemoProcess serve() throws Exception {
        DemoProcess demo = start("--serve");
        try {
            demo.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            demo.close();
            throw new AssertionError("the demo did not print 'listening on ...'; its output: " + demo.output(), e);
        }
        return demo;
    }

    /** Sends {@code GET path} to the serving demo. */
    HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getNow(-1) + path))
                .timeout(Duration.ofSeconds(30)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for the demo to exit by itself and returns its status. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the demo did not exit within 120 s; its output: " + output());
        }
        return process.exitValue();
    }

    /** Returns everything the demo printed so far, standard output and error. */
    String output() {
        synchronized (output) {
            return String.join(System.lineSeparator(), output);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher listening = LISTENING.matcher(line);
                if (listening.matches()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the demo's output ended"));
    }

    /** Stops the demo as Ctrl-C or {@code kill} does (SIGTERM), and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path demoJar() {
        Path jar = Paths.get(System.getProperty("aiocop.demoJar", "target/aiocop-demo.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no demo jar at " + jar.toAbsolutePath() + ": run mvn package first");
        }
        return jar;
    }
}
