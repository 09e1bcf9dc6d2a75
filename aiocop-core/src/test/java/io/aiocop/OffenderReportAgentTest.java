package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real instrumented JDK calls made on a monitored loop land in the offender report's rows, keyed by the test's own
 * line as entry point, with the durations the agent measured.
 */
final class OffenderReportAgentTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        AgentFixtures.installAgent();
    }

    @AfterEach
    void reset() {
        AiocopReset.reset();
    }

    @Test
    void instrumentedCallsLandInTheRowsOfTheirCallSites() throws Exception {
        File file = Files.writeString(dir.resolve("offender.txt"), "x").toFile();
        try (AgentTestLoop loop = new AgentTestLoop("offenders")) {
            // Warm the loop (class loading on its first tasks reads jars), then count from a clean report.
            loop.runTask(() -> new FileInputStream(file).close());
            loop.runTask(() -> TimeUnit.MILLISECONDS.sleep(1));
            Aiocop.resetReport();

            for (int i = 0; i < 3; i++) {
                loop.runTask(() -> new FileInputStream(file).close());
            }
            loop.runTask(() -> TimeUnit.MILLISECONDS.sleep(30));
        }

        String here = OffenderReportAgentTest.class.getName() + ".lambda$instrumentedCallsLandInTheRowsOfTheirCallSites$";
        OffenderReport report = Aiocop.report();
        List<OffenderReport.Row> ours = report.rows().stream().filter(row -> row.entryPoint().startsWith(here))
                .toList();
        assertThat(ours).as(report.toText()).extracting(OffenderReport.Row::operation)
                .containsExactly("sleep", "open");

        OffenderReport.Row sleep = ours.get(0);
        assertThat(sleep.kind()).isEqualTo(OffenderReport.Kind.BLOCKING_CALL);
        assertThat(sleep.source()).isEqualTo(BlockingEventInfo.Source.INSTRUMENTED);
        assertThat(sleep.count()).isEqualTo(1);
        assertThat(sleep.tasksAffected()).isEqualTo(1);
        assertThat(sleep.totalWeight()).isEqualTo(Severity.WEIGHT_HEAVY);
        assertThat(sleep.maxCallDurationMs()).isGreaterThanOrEqualTo(30.0);
        assertThat(sleep.maxTaskTimeMs()).isGreaterThanOrEqualTo(sleep.maxCallDurationMs());
        assertThat(sleep.lastDetail()).isEqualTo("30 ms");

        OffenderReport.Row open = ours.get(1);
        assertThat(open.source()).isEqualTo(BlockingEventInfo.Source.INSTRUMENTED);
        assertThat(open.count()).isEqualTo(3);
        assertThat(open.tasksAffected()).isEqualTo(3);
        assertThat(open.totalWeight()).isEqualTo(3L * Severity.WEIGHT_MODERATE);
        assertThat(open.maxCallDurationMs()).isGreaterThanOrEqualTo(0.0);
        assertThat(open.lastDetail()).isEqualTo(file.getPath());
        assertThat(report.toText()).contains(sleep.entryPoint(), open.entryPoint());
    }
}
