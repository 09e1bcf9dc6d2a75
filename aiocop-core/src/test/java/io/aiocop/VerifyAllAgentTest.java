package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the agent in a separate JVM started with {@code -Xverify:all}, which verifies every class, the JDK's own
 * included: the bytecode the agent adds to JDK classes (and the bridge it injects) must pass the verifier, installed
 * either way a user installs it.
 */
final class VerifyAllAgentTest {

    @TempDir
    Path tmp;

    @Test
    void withTheJavaagentFlagTheVerifiedJvmExitsCleanlyAndReportsSleepReadAndConnect() throws Exception {
        assertReportsEverything(run(List.of("-javaagent:" + System.getProperty("aiocop.agentJar"))));
    }

    @Test
    void withSelfAttachTheVerifiedJvmExitsCleanlyAndReportsSleepReadAndConnect() throws Exception {
        assertReportsEverything(run(Arrays.asList(System.getProperty("aiocop.agentArgLine").split(" "))));
    }

    private List<String> run(List<String> agentFlags) throws Exception {
        Path data = Files.writeString(tmp.resolve("data.txt"), "x");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xverify:all");
        command.addAll(agentFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.acme.VerifyAllDemo",
                data.toString()));
        List<String> out = AgentFixtures.runToEnd(new ProcessBuilder(command), tmp.resolve("out.txt"));
        assertThat(out).anyMatch(line -> line.startsWith("EVENT open(" + data + ")"))
                .anyMatch(line -> line.startsWith("EVENT file.read(" + data + ")"));
        return out;
    }

    private static void assertReportsEverything(List<String> out) {
        assertThat(out).contains("PATCHED true", "DONE")
                .anyMatch(line -> line.startsWith("EVENT sleep("))
                .anyMatch(line -> line.startsWith("EVENT connect(127.0.0.1:"))
                .noneMatch(line -> line.contains("VerifyError"));
    }
}
