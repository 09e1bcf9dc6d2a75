package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The combinations that once crashed the JVM (Java 17, {@code -XX:+AllowRedefinitionToAddDeleteMethods} and a JFR
 * recording resolving the stack of a wait in a wrapped native method), each in a JVM of its own on the JDK this
 * suite runs on: {no flag, flag} x {no JFR, JFR from the start, JFR started after install}. Each JVM sleeps, waits
 * and parks on a monitored thread and on a plain thread; it must exit 0 and report the three calls on the monitored
 * thread (instrumented, or sampled where the JDK's method is native) and nothing on the plain one.
 */
final class NativeMethodsJfrMatrixAgentTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (boolean flag : new boolean[] {false, true}) {
            for (String jfr : List.of("none", "from-start", "after-install")) {
                all.add(Arguments.of(flag, jfr));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "AllowRedefinitionToAddDeleteMethods={0}, JFR {1}")
    @MethodSource("combinations")
    void survivesAndReportsSleepWaitAndParkOnTheMonitoredThreadOnly(boolean flag, String jfr) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        if (flag) {
            command.add("-XX:+AllowRedefinitionToAddDeleteMethods");
        }
        if (jfr.equals("from-start")) {
            command.add("-XX:StartFlightRecording=filename=" + tmp.resolve("start.jfr") + ",settings=profile");
        }
        command.addAll(List.of(System.getProperty("aiocop.agentArgLine", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.acme.NativeJfrMatrixDemo"));
        if (jfr.equals("after-install")) {
            command.add("jfr-after");
        }
        List<String> out = AgentFixtures.runToEnd(new ProcessBuilder(command), tmp.resolve("out.txt"));

        assertThat(out).as("output %s", out).contains("DONE");
        List<String> events = out.stream().filter(line -> line.startsWith("EVENT ")).toList();
        assertThat(events).as("output %s", out).noneMatch(line -> line.startsWith("EVENT plain"));
        assertThat(events).as("output %s", out)
                .anyMatch(line -> line.startsWith("EVENT monitored sleep "))
                .anyMatch(line -> line.startsWith("EVENT monitored wait "))
                .anyMatch(line -> line.startsWith("EVENT monitored park "));
        assertThat(events).as("each call once, output %s", out).hasSize(3);
    }
}
