package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a separate JVM with {@code -XX:+AllowRedefinitionToAddDeleteMethods}: there {@code Thread.sleep(long)} and
 * {@code Object.wait(long)} are covered also where they are native (Java 17 to 20, through the native-method
 * prefix), reported on a monitored thread only, and refused with raise-on-violations on. On Java 21 and later they are Java code and covered anyway.
 * Without the flag, {@link NativeMethodsAgentTest} holds.
 */
final class NativeMethodPrefixAgentTest {

    @TempDir
    Path tmp;

    @Test
    void withTheFlagNativeSleepAndWaitAreReportedOnMonitoredThreadsOnly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+AllowRedefinitionToAddDeleteMethods"));
        command.addAll(List.of(System.getProperty("aiocop.agentArgLine", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.acme.NativeMethodsDemo"));
        List<String> out = AgentFixtures.runToEnd(new ProcessBuilder(command), tmp.resolve("out.txt"));

        assertThat(out).as("output %s", out).contains("DONE");
        String heavy = " " + Severity.WEIGHT_HEAVY + " com.acme.NativeMethodsDemo.sleepAndWait";
        assertThat(out).as("output %s", out)
                .anyMatch(line -> line.startsWith("EVENT monitored sleep(20 ms)" + heavy))
                .anyMatch(line -> line.startsWith("EVENT monitored wait(java.lang.Object)" + heavy))
                .noneMatch(line -> line.startsWith("EVENT unmonitored"));
        for (String call : List.of("sleep", "wait")) {
            assertThat(out).as("output %s", out).anyMatch(line -> line.startsWith("RAISED " + call + " ")
                    && Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)) < 4_000);
        }
        int feature = Runtime.version().feature();
        assertThat(out.contains("PATCHED java.lang.Thread#sleep(long)")).as("output %s", out).isEqualTo(feature < 19);
        assertThat(out.contains("PATCHED java.lang.Object#wait(long)")).as("output %s", out).isEqualTo(feature < 21);
        assertThat(out).as("output %s", out).noneMatch(line -> line.contains("are not instrumented"));
    }
}
