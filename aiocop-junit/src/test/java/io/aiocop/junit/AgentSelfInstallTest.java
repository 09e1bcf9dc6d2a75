package io.aiocop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.junit.fixtures.RealBlockingFails;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts JVMs in which nobody installed aiocop's agent and runs a test that reads a file and sleeps in a monitored
 * task ({@link RealBlockingFails}) there: the extension installs the agent and fails the test with the calls, or,
 * where the agent cannot be attached, fails it with how to fix that. It never passes.
 */
final class AgentSelfInstallTest {

    @TempDir
    Path tmp;

    private List<String> runFixture(List<String> jvmFlags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedEngine.class.getName(),
                RealBlockingFails.class.getName()));
        Path out = tmp.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM did not end in two minutes: " + Files.readAllLines(out));
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(process.exitValue()).as("exit value; output %s", lines).isZero();
        return lines;
    }

    @Test
    void whereTheAgentCanAttachABlockingTestFailsWithItsCalls() throws Exception {
        List<String> flags = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true"));
        if (Runtime.version().feature() >= 21) {
            flags.add("-XX:+EnableDynamicAgentLoading");
        }
        List<String> out = runFixture(flags);

        assertThat(out).as("output %s", out).noneMatch(line -> line.startsWith("PASSED"))
                .anyMatch(line -> line.startsWith("FAILED readsAFileAndSleeps()")
                        && line.contains("open(/etc/hosts) weight")
                        && line.contains("sleep(5 ms) weight")
                        && line.contains("at io.aiocop.junit.fixtures.RealBlockingFails"));
    }

    @Test
    void whereTheAgentCannotAttachABlockingTestFailsWithHowToFixIt() throws Exception {
        List<String> out = runFixture(List.of("-XX:+DisableAttachMechanism"));

        assertThat(out).as("output %s", out).noneMatch(line -> line.startsWith("PASSED"))
                .anyMatch(line -> line.startsWith("FAILED readsAFileAndSleeps()")
                        && line.contains("needs aiocop's agent")
                        && line.contains(Runtime.version().feature() >= 21
                                ? "-Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading"
                                : "-Djdk.attach.allowAttachSelf=true (Maven")
                        && line.contains("-javaagent:<path to aiocop-core.jar>"));
    }

    @Test
    void theHowToFixMessageNamesTheFlagsOfEachJdk() {
        assertThat(AiocopExtension.AgentInstall.howToFix("x", 17))
                .contains("<argLine>-Djdk.attach.allowAttachSelf=true</argLine>");
        assertThat(AiocopExtension.AgentInstall.howToFix("x", 25))
                .contains("<argLine>-Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading</argLine>");
    }
}
