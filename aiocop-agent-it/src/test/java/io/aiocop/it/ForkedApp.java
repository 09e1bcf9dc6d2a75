package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One forked application JVM: the same {@code java} as the test's (so {@code -Djvm=...} picks the JDK of both),
 * optionally {@code -javaagent:} the packaged aiocop-core jar, and a class path holding the framework and the
 * application only. Its standard output and error are collected line by line.
 */
final class ForkedApp implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("READY (\\d+)");
    private static final Pattern LINE = Pattern.compile("LINE (\\d+)");
    /** How every aiocop report line of a task begins: {@code aiocop: <reason> task on <executor>: ...}. */
    static final Pattern REPORT = Pattern.compile("aiocop: .* task on .*\\(threshold");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ForkedApp(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "forked-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The class path of the applications on Netty 4.2: the frameworks' jars and the test classes. */
    static String netty42ClassPath() throws IOException {
        return System.getProperty("aiocop.appClasses") + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("aiocop.appClassPath"))).trim();
    }

    /** The class path of the Netty 4.1 application: Netty 4.1.137.Final's jars and the test classes. */
    static String netty41ClassPath() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("aiocop.netty41Dir")))) {
            return System.getProperty("aiocop.appClasses") + File.pathSeparator
                    + jars.map(Path::toString).sorted().collect(Collectors.joining(File.pathSeparator));
        }
    }

    /** Starts {@code mainClass} with the agent and {@code agentArguments} (may be empty), or without the agent. */
    static ForkedApp start(String classPath, String mainClass, boolean withAgent, String agentArguments,
            String... jvmOptions) throws IOException {
        assertThat(classPath).doesNotContain("aiocop-core");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        if (withAgent) {
            String jar = System.getProperty("aiocop.agentJar");
            assertThat(Path.of(jar)).as("the packaged agent jar (run the build to the package phase)").exists();
            command.add("-javaagent:" + jar + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, mainClass));
        return new ForkedApp(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ended) {
            // The process ended.
        }
    }

    /** Waits for {@code READY <port>} and returns the port. */
    int awaitPort() throws InterruptedException {
        return Integer.parseInt(awaitMatch(READY).group(1));
    }

    /** Returns the source line of the application's blocking call ({@code LINE <n>}). */
    int blockingLine() throws InterruptedException {
        return Integer.parseInt(awaitMatch(LINE).group(1));
    }

    private Matcher awaitMatch(Pattern pattern) throws InterruptedException {
        String line = awaitLine(l -> pattern.matcher(l).matches(), 60);
        Matcher m = pattern.matcher(line);
        assertThat(m.matches()).isTrue();
        return m;
    }

    /** Waits up to {@code seconds} for a line that {@code wanted} accepts and returns it; fails with the output. */
    String awaitLine(Predicate<String> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the forked application did not print the expected line; its output:\n" + output());
    }

    /** Returns the output so far. */
    String output() {
        return String.join("\n", lines);
    }

    /** Returns the lines of aiocop's task reports so far. */
    List<String> reports() {
        return lines.stream().filter(l -> REPORT.matcher(l).find()).toList();
    }

    /** Returns how many lines were printed so far, to look at what comes after. */
    int mark() {
        return lines.size();
    }

    /** Returns the lines printed since {@code mark}. */
    List<String> since(int mark) {
        return List.copyOf(lines.subList(mark, lines.size()));
    }

    /** Closes the application's standard input, which makes it stop, and waits for it. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the process's exit code once it ended. */
    int exitCode() {
        return process.exitValue();
    }
}
