package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts separate JVMs that install the agent as a user would (self-attach with exactly the documented flags, or
 * {@code -javaagent:}), run a blocking task on a monitored thread ({@link com.acme.QuietDemo}) and end: aiocop
 * prints nothing on standard output or error (no CDS warning from a bootstrap jar, no ByteBuddy Unsafe warning),
 * logs to the binding's file, and the agent starts without SLF4J on the class path.
 */
final class QuietAgentTest {

    @TempDir
    Path tmp;

    /** The flags docs/requirements.md names for self-attach on this JDK, and nothing else. */
    private static List<String> documentedSelfAttachFlags() {
        List<String> flags = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true"));
        if (Runtime.version().feature() >= 21) {
            flags.add("-XX:+EnableDynamicAgentLoading");
        }
        return flags;
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** What of SLF4J the application's class path holds. */
    private enum Slf4j { NONE, API_ONLY, API_AND_PROVIDER }

    private static String classPath(Slf4j slf4j) throws Exception {
        List<String> entries = new ArrayList<>(List.of(jarOf(com.acme.QuietDemo.class),
                System.getProperty("aiocop.agentJar")));
        if (slf4j != Slf4j.NONE) {
            entries.add(jarOf(org.slf4j.LoggerFactory.class));
        }
        if (slf4j == Slf4j.API_AND_PROVIDER) {
            entries.add(jarOf(org.slf4j.simple.SimpleLogger.class));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private record Run(String stdout, String stderr, List<String> report) {
    }

    private Run run(List<String> jvmFlags, Slf4j slf4j, String mode) throws Exception {
        Path data = Files.writeString(tmp.resolve("data.txt"), "x");
        Path report = tmp.resolve("report.txt");
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmFlags);
        command.add("-Dorg.slf4j.simpleLogger.logFile=" + tmp.resolve("aiocop.log"));
        command.addAll(List.of("-cp", classPath(slf4j), "com.acme.QuietDemo", mode, data.toString(),
                report.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM did not end in two minutes");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit value; stdout %s; stderr %s", stdout, stderr).isZero();
        List<String> reported = Files.exists(report) ? Files.readAllLines(report) : List.of();
        assertThat(reported).as("report; stderr %s", stderr).contains("PATCHED true")
                .anyMatch(line -> line.startsWith("EVENT open(" + data + ") at com.acme.QuietDemo"))
                .anyMatch(line -> line.startsWith("EVENT sleep(5 ms) at com.acme.QuietDemo"));
        return new Run(stdout, stderr, reported);
    }

    @Test
    void selfAttachWithTheDocumentedFlagsPrintsNothing() throws Exception {
        Run run = run(documentedSelfAttachFlags(), Slf4j.API_AND_PROVIDER, "attach");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEmpty();
        assertThat(Files.readString(tmp.resolve("aiocop.log"))).contains("aiocop blocking-call agent installed");
    }

    @Test
    void javaagentFlagPrintsNothing() throws Exception {
        Run run = run(List.of("-javaagent:" + System.getProperty("aiocop.agentJar")), Slf4j.API_AND_PROVIDER, "javaagent");

        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEmpty();
        assertThat(Files.readString(tmp.resolve("aiocop.log"))).contains("aiocop blocking-call agent installed");
    }

    @Test
    void javaagentStartsWithoutSlf4jOnTheClassPathAndLogsThroughSystemLogger() throws Exception {
        Run run = run(List.of("-javaagent:" + System.getProperty("aiocop.agentJar")), Slf4j.NONE, "javaagent");

        // Without SLF4J the log goes to System.Logger, i.e. java.util.logging, whose default handler is stderr.
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("aiocop blocking-call agent installed").doesNotContain("Exception");
    }

    @Test
    void slf4jApiWithoutAProviderFallsBackToSystemLoggerInsteadOfDroppingTheReports() throws Exception {
        Run run = run(List.of("-javaagent:" + System.getProperty("aiocop.agentJar")), Slf4j.API_ONLY, "javaagent");

        // SLF4J would warn "No SLF4J providers were found" on stderr and then drop every line aiocop logs.
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("aiocop blocking-call agent installed").doesNotContain("SLF4J");
    }
}
