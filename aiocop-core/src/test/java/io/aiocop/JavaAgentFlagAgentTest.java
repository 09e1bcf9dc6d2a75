package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a separate JVM with {@code -javaagent:} on the built jar, as a user would, and reads what it reports. */
final class JavaAgentFlagAgentTest {

    @TempDir
    Path tmp;

    @Test
    void aJvmStartedWithTheJavaagentFlagReportsBlockingCallsIncludingStandardInput() throws Exception {
        Path data = Files.writeString(tmp.resolve("data.txt"), "x");
        Path input = Files.writeString(tmp.resolve("stdin.txt"), "typed\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> out = AgentFixtures.runToEnd(new ProcessBuilder(java,
                "-javaagent:" + System.getProperty("aiocop.agentJar"), "-cp", System.getProperty("java.class.path"),
                "com.acme.AgentDemo", data.toString()).redirectInput(input.toFile()), tmp.resolve("out.txt"));

        assertThat(out).contains("PATCHED true");
        assertThat(out).anyMatch(line -> line.startsWith("EVENT open(" + data + ") at com.acme.AgentDemo"));
        assertThat(out).anyMatch(line -> line.startsWith("EVENT stdin.read() at com.acme.AgentDemo"));
        assertThat(new File(System.getProperty("aiocop.agentJar"))).isFile();
    }
}
