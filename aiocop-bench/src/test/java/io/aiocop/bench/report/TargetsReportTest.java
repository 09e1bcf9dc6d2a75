package io.aiocop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TargetsReportTest {

    private static final String BENCH = "io.aiocop.bench.";

    @TempDir
    Path dir;

    @Test
    void differencesPairEachVariantWithTheBaselineOfTheSameRound() throws IOException {
        // Round medians: plain 100, 200, 300; monitored 110, 205, 330: paired differences 10, 5, 30. Unpaired
        // medians would give 205 - 200 = 5, and pairing by file order (listed shuffled here) something else.
        List<Path> files = new ArrayList<>();
        files.add(dispatch("monitored", 3, 330, 329, 331));
        files.add(dispatch("plain", 1, 100, 99, 101));
        files.add(dispatch("monitored", 1, 110, 109, 111));
        files.add(dispatch("plain", 3, 300, 299, 301));
        files.add(dispatch("plain", 2, 200, 199, 201));
        files.add(dispatch("monitored", 2, 205, 204, 206));

        Bootstrap.Interval d = rowOf(TargetsReport.read(files), "stretch").difference();

        assertThat(d.median()).isEqualTo(10);
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.low()).isEqualTo(5);
        assertThat(d.high()).isEqualTo(30);
    }

    @Test
    void aRoundWithoutItsBaselineIsNotPaired() throws IOException {
        List<Path> files = List.of(dispatch("plain", 1, 100), dispatch("monitored", 1, 104),
                dispatch("monitored", 2, 900));

        Bootstrap.Interval d = rowOf(TargetsReport.read(files), "stretch").difference();

        assertThat(d.count()).isEqualTo(1);
        assertThat(d.median()).isEqualTo(4);
    }

    @Test
    void atMostIsMetWhenTheWholeIntervalIsBelowTheTarget() throws IOException {
        assertThat(nonBlockingVerdict(1, 1.5, 2)).isEqualTo(Verdict.Status.MET);
    }

    @Test
    void atMostIsNotMetWhenTheWholeIntervalIsAboveTheTarget() throws IOException {
        assertThat(nonBlockingVerdict(10, 11, 12)).isEqualTo(Verdict.Status.NOT_MET);
    }

    @Test
    void atMostIsNotResolvedWhenTheIntervalStraddlesTheTarget() throws IOException {
        assertThat(nonBlockingVerdict(1, 2, 10)).isEqualTo(Verdict.Status.NOT_RESOLVED);
    }

    @Test
    void addedPerTaskIsBoundedByThisRunsNanoTime() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            files.add(dispatch("plain", round, 50));
            files.add(dispatch("monitored", round, 70 + round));
        }
        files.add(write("clock", List.of(result("ClockBenchmark.nanoTime", Map.of(), "ns/op", 25, 25.5, 24.5))));
        List<TargetsReport.Row> rows = TargetsReport.rows(TargetsReport.read(files));

        TargetsReport.Row bound = rows.get(0);
        assertThat(bound.target()).contains("25.0 ns");
        assertThat(bound.status()).isEqualTo(Verdict.Status.MET);
        assertThat(row(rows, "stretch").status()).isEqualTo(Verdict.Status.NOT_MET);
    }

    @Test
    void fewerThanThreePairsAreNotResolvedWhateverTheirValues() throws IOException {
        assertThat(nonBlockingVerdict(50, 60)).isEqualTo(Verdict.Status.NOT_RESOLVED);
    }

    @Test
    void zeroWithinErrorNeedsANarrowIntervalAroundZero() {
        assertThat(TargetsReport.zeroWithinError(interval(-1, 2))).isEqualTo(Verdict.Status.MET);
        assertThat(TargetsReport.zeroWithinError(interval(0.5, 2))).isEqualTo(Verdict.Status.NOT_MET);
        assertThat(TargetsReport.zeroWithinError(interval(-5, 1))).isEqualTo(Verdict.Status.NOT_RESOLVED);
        assertThat(TargetsReport.zeroWithinError(interval(-1, 4))).isEqualTo(Verdict.Status.NOT_RESOLVED);
        assertThat(TargetsReport.zeroWithinError(interval(-2, -1))).isEqualTo(Verdict.Status.NOT_RESOLVED);
    }

    @Test
    void aMissingVariantIsNotMeasuredRatherThanAnError() throws IOException {
        List<Path> files = List.of(dispatch("plain", 1, 100), dispatch("monitored+agent", 1, 120),
                write("install-agent-r1", List.of(install("agent", 400))));
        List<TargetsReport.Measured> results = TargetsReport.read(files);

        List<TargetsReport.Row> rows = TargetsReport.rows(results);

        TargetsReport.Row agentExtra = row(rows, "agent's extra per task");
        assertThat(agentExtra.status()).isEqualTo(Verdict.Status.NOT_MEASURED);
        assertThat(agentExtra.note()).contains("TaskDispatch.noopTasks [monitored]");
        assertThat(row(rows, "readNothing (monitored+agent vs plain)").status())
                .isEqualTo(Verdict.Status.NOT_MEASURED);
        assertThat(row(rows, "vs blockhound forks").status()).isEqualTo(Verdict.Status.NOT_MEASURED);
        assertThat(TargetsReport.render(results, List.of("- header"), List.of()))
                .contains("- header", "not measured");
    }

    @Test
    void installComparesTheToolsMediansInMilliseconds() throws IOException {
        List<Path> files = new ArrayList<>();
        double[] agent = {400, 450, 480, 430};
        double[] blockHound = {600, 650, 700, 620};
        for (int k = 0; k < agent.length; k++) {
            files.add(write("install-agent-r" + (k + 1), List.of(install("agent", agent[k]))));
            files.add(write("install-blockhound-r" + (k + 1), List.of(install("blockhound", blockHound[k]))));
        }
        List<TargetsReport.Row> rows = TargetsReport.rows(TargetsReport.read(files));

        TargetsReport.Row absolute = row(rows, "install, cold JVM (agent forks)");
        assertThat(absolute.measured().median()).isEqualTo(440e6);
        assertThat(absolute.measured().min()).isEqualTo(400e6);
        assertThat(absolute.status()).isEqualTo(Verdict.Status.MET);
        TargetsReport.Row versus = row(rows, "vs blockhound forks");
        assertThat(versus.difference().median()).isEqualTo(440e6 - 635e6);
        assertThat(versus.status()).isEqualTo(Verdict.Status.MET);
    }

    @Test
    void recordingCostIsReportedPerStackDepth() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            for (int depth : new int[] {8, 128}) {
                Map<String, String> params = Map.of("traceDepth", "20", "stackDepth", String.valueOf(depth));
                double without = 300 + depth;
                double with = without + (depth == 8 ? 1_500 : 2_600) + round;
                files.add(write("recording-sd" + depth + "-r" + round, List.of(
                        result("EventRecordingBenchmark.taskWithOneEvent", params, "us/op", with / 1e3),
                        result("EventRecordingBenchmark.taskWithoutEvent", params, "us/op", without / 1e3))));
            }
        }
        List<TargetsReport.Measured> results = TargetsReport.read(files);
        List<TargetsReport.Row> rows = TargetsReport.rows(results);

        assertThat(row(rows, "stack depth 8 ").status()).isEqualTo(Verdict.Status.MET);
        assertThat(row(rows, "stack depth 8 ").difference().median()).isCloseTo(1_502, within());
        assertThat(row(rows, "stack depth 128 ").status()).isEqualTo(Verdict.Status.NOT_MET);
        assertThat(TargetsReport.render(results, List.of(), List.of()))
                .contains("Recording cost against stack depth", "| 8 |", "| 128 |");
    }

    @Test
    void theRoundComesFromTheFileName() throws IOException {
        List<TargetsReport.Measured> results = TargetsReport.read(List.of(dispatch("plain", 12, 1),
                write("clock", List.of(result("ClockBenchmark.nanoTime", Map.of(), "ns/op", 25)))));

        assertThat(results).extracting(TargetsReport.Measured::round).containsExactly(12, 0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private static Bootstrap.Interval interval(double low, double high) {
        return new Bootstrap.Interval((low + high) / 2, low, high, 3);
    }

    /** The verdict on readNothing, monitored+agent vs monitored, for the given paired differences (target 3 ns). */
    private Verdict.Status nonBlockingVerdict(double... differences) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int round = 1; round <= differences.length; round++) {
            double base = 40 + 10 * round;
            files.add(nonBlocking("monitored", round, base));
            files.add(nonBlocking("monitored+agent", round, base + differences[round - 1]));
        }
        return rowOf(TargetsReport.read(files), "readNothing (monitored+agent vs monitored)").status();
    }

    private static TargetsReport.Row rowOf(List<TargetsReport.Measured> results, String what) {
        return row(TargetsReport.rows(results), what);
    }

    private static TargetsReport.Row row(List<TargetsReport.Row> rows, String what) {
        List<TargetsReport.Row> matching = rows.stream().filter(r -> r.what().contains(what)).toList();
        assertThat(matching).as("rows about '%s'", what).hasSize(1);
        return matching.get(0);
    }

    private Path dispatch(String variant, int round, double... iterations) throws IOException {
        return write("dispatch-" + variant + "-r" + round, List.of(result("TaskDispatchBenchmark.noopTasks",
                Map.of("variant", variant), "ns/op", iterations)));
    }

    private Path nonBlocking(String variant, int round, double readNothing) throws IOException {
        return write("nonblocking-" + variant + "-r" + round, List.of(
                result("NonBlockingCallBenchmark.readNothing", Map.of("variant", variant), "ns/op", readNothing),
                result("NonBlockingCallBenchmark.writeEmpty", Map.of("variant", variant), "ns/op", 20)));
    }

    private static String install(String variant, double millis) {
        return result("InstallBenchmark.install", Map.of("variant", variant), "ms/op", "ss", millis);
    }

    private Path write(String name, List<String> results) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "[\n" + String.join(",\n", results) + "\n]\n");
        return file;
    }

    private static String result(String benchmark, Map<String, String> params, String unit, double... iterations) {
        return result(benchmark, params, unit, "avgt", iterations);
    }

    /** One element of JMH 1.37's JSON array, one fork with the given iterations. */
    private static String result(String benchmark, Map<String, String> params, String unit, String mode,
                                 double... iterations) {
        double score = Arrays.stream(iterations).average().orElse(Double.NaN);
        String paramsJson = params.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\" : \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        String raw = Arrays.stream(iterations).mapToObj(v -> String.format(Locale.ROOT, "%s", v))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, """
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "%s",
                    "mode" : "%s",
                    "threads" : 1,
                    "forks" : 1,
                    "jvm" : "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
                    "jdkVersion" : "17.0.15",
                    "vmName" : "OpenJDK 64-Bit Server VM",
                    "vmVersion" : "17.0.15+6-Debian-1deb12u1",
                    "warmupIterations" : 0,
                    "measurementIterations" : %d,
                    %s
                    "primaryMetric" : {
                        "score" : %s,
                        "scoreError" : "NaN",
                        "scoreConfidence" : [ "NaN", "NaN" ],
                        "scorePercentiles" : { "50.0" : %s },
                        "scoreUnit" : "%s",
                        "rawData" : [ [ %s ] ]
                    },
                    "secondaryMetrics" : { }
                }""", BENCH + benchmark, mode, iterations.length,
                params.isEmpty() ? "" : "\"params\" : { " + paramsJson + " },", score, score, unit, raw);
    }
}
