package com.acme;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A program started in its own JVM by the tests of what aiocop prints: with {@code attach} as first argument it
 * installs the agent by self-attach (else the JVM was started with {@code -javaagent:}); on a monitored thread it
 * reads a file and sleeps inside one task, and its callback appends each reported call to a report file, so that
 * the JVM's standard output and error hold only what aiocop (or the JVM) printed.
 */
public final class QuietDemo {

    private QuietDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code attach} or {@code javaagent}, the file to read, the report file
     * @throws Exception when the demo fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("attach")) {
            Aiocop.patchAuditFunctions();
        }
        Path report = Path.of(args[2]);
        Aiocop.startBlockingIoDetection();
        Aiocop.registerSlowTaskCallback(event -> event.blockingEvents().forEach(e -> {
            try {
                Files.writeString(report, "EVENT " + e.event() + " at " + e.entryPoint() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        }));
        Thread loop = new Thread(() -> {
            TaskMonitor monitor = TaskMonitor.builder("quiet").build();
            monitor.bindToCurrentThread();
            monitor.beginTask();
            try (FileInputStream in = new FileInputStream(args[1])) {
                in.read();
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                monitor.endTask();
            }
        }, "quiet-loop");
        loop.start();
        loop.join();
        Files.writeString(report, "PATCHED " + Aiocop.isAuditFunctionsPatched() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
