package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class DefaultReporterTest {

    private final List<String> lines = new ArrayList<>();
    private boolean warnEnabled = true;
    private boolean debugEnabled = true;
    private long now = 1_000;

    private final DefaultReporter reporter = new DefaultReporter(new DefaultReporter.Sink() {
        @Override
        public boolean isWarnEnabled() {
            return warnEnabled;
        }

        @Override
        public boolean isDebugEnabled() {
            return debugEnabled;
        }

        @Override
        public void warn(String line) {
            lines.add("WARN " + line);
        }

        @Override
        public void debug(String line) {
            lines.add("DEBUG " + line);
        }
    }, () -> now, new FailureCounter());

    @Test
    void callSiteIsTheOperationFieldAndEachCallShowsHowLongItBlockedAndWhetherItWasPermitted() {
        List<BlockingEventInfo> calls = List.of(
                BlockingEventInfo.of("legacy(v1).query", "select (1)", List.of(), "com.example.Dao.find(Dao.java:7)",
                        50, 12_345_678, false, BlockingEventInfo.Source.INSTRUMENTED),
                BlockingEventInfo.of("sleep", "5 ms", List.of(), "com.example.Dao.find(Dao.java:8)", 50, -1, true, BlockingEventInfo.Source.INSTRUMENTED));
        reporter.report(new SlowTaskEvent(20, 30, false, 100, SeverityLevel.HIGH, SlowTaskEvent.Reason.IO_BLOCKING,
                calls, Map.of(), 0, "loop-1", "loop-1"));

        assertThat(lines).singleElement().asString()
                .contains("2 blocking calls: legacy(v1).query(select (1)) for 12.3 ms, sleep(5 ms) (permitted)")
                .contains("call site legacy(v1).query at com.example.Dao.find(Dao.java:7)");
    }

    @Test
    void aStallIsAWarningWithTheLockOwnerAndTheLiveStackAndItsEndOneLine() {
        StackTraceElement top = new StackTraceElement("com.example.Cache", "get", "Cache.java", 12);
        reporter.reportIfEnabled(new StallEvent("loop-1", "loop-thread-1", 1234.4, Thread.State.BLOCKED, List.of(top),
                "java.lang.Object@1b6d3586", "refresher", false, Map.of()));
        reporter.reportIfEnabled(new StallEvent("loop-1", "loop-thread-1", 2500, Thread.State.RUNNABLE, List.of(),
                null, null, true, Map.of()));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("WARN aiocop: task on loop-1 (thread loop-thread-1) has been running for"
                + " 1234 ms and still runs: BLOCKED waiting for java.lang.Object@1b6d3586 held by refresher")
                .contains("\tat com.example.Cache.get(Cache.java:12)");
        assertThat(lines.get(1)).isEqualTo("WARN aiocop: stalled task on loop-1 ended after about 2500 ms");
    }

    @Test
    void exceededOrHighTasksAreWarningsAndOthersDebug() {
        reporter.report(event(45, 0, Map.of()));
        reporter.report(event(2, 50, Map.of()));
        reporter.report(event(2, 10, Map.of()));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("WARN aiocop: cpu_blocking task on loop-1: 45.0 ms (threshold 30 ms, exceeded)");
        assertThat(lines.get(1)).startsWith("WARN aiocop: io_blocking task on loop-1: 2.0 ms (threshold 30 ms)")
                .contains("severity high (50)", "1 blocking call: open(/tmp/x)",
                        "call site open at com.example.Handler.read(Handler.java:42)");
        assertThat(lines.get(2)).startsWith("DEBUG ").contains("severity medium (10)");
    }

    @Test
    void aCallSiteLogsOneLinePerIntervalAndTheNextLineCountsTheRepeats() {
        reporter.report(event(2, 50, Map.of()));
        for (int i = 0; i < 7; i++) {
            now += TimeUnit.SECONDS.toNanos(1);
            reporter.report(event(2, 50, Map.of()));
        }
        now += TimeUnit.SECONDS.toNanos(3);
        reporter.report(event(2, 50, Map.of()));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).doesNotContain("suppressed");
        assertThat(lines.get(1)).endsWith("[7 similar lines suppressed in the last 10 s]");
    }

    @Test
    void differentCallSitesAndLevelsAreLimitedSeparately() {
        reporter.report(event(2, 50, Map.of()));
        reporter.report(event(45, 0, Map.of()));
        reporter.report(event(2, 10, Map.of()));

        assertThat(lines).hasSize(3);
    }

    @Test
    void contextIsLeftOutUnlessAskedFor() {
        Map<String, Object> context = Map.of("user", "alice@example.com");
        reporter.report(event(45, 0, context));
        reporter.setLogContext(true);
        now += TimeUnit.SECONDS.toNanos(11);
        reporter.report(event(45, 0, context));

        assertThat(lines.get(0)).doesNotContain("alice");
        assertThat(lines.get(1)).endsWith("; context {user=alice@example.com}");
    }

    @Test
    void linesOfALevelThatIsOffAreNeitherLoggedNorCounted() {
        debugEnabled = false;
        warnEnabled = false;
        reporter.report(event(2, 10, Map.of()));
        reporter.report(event(45, 0, Map.of()));
        debugEnabled = true;
        warnEnabled = true;
        reporter.report(event(2, 10, Map.of()));
        reporter.report(event(45, 0, Map.of()));

        assertThat(lines).hasSize(2);
        assertThat(lines).noneMatch(line -> line.contains("suppressed"));
    }

    @Test
    void disabledReporterLogsNothing() {
        reporter.setEnabled(false);
        reporter.reportIfEnabled(event(45, 50, Map.of()));

        assertThat(lines).isEmpty();
    }

    @Test
    void aBadIntervalIsRefusedNamingItAndTheOldOneStays() {
        assertThatThrownBy(() -> reporter.setInterval(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-3S");
        assertThatThrownBy(() -> reporter.setInterval(null)).isInstanceOf(NullPointerException.class);

        assertThat(reporter.interval()).isEqualTo(DefaultReporter.DEFAULT_INTERVAL);
    }

    @Test
    void theFacadeSwitchesTheSharedReporter() {
        try {
            Aiocop.disableDefaultReporter();
            assertThat(Aiocop.isDefaultReporterEnabled()).isFalse();
            Aiocop.enableDefaultReporter();
            assertThat(Aiocop.isDefaultReporterEnabled()).isTrue();
            Aiocop.setDefaultReporterInterval(Duration.ofMillis(250));
            assertThat(Aiocop.getDefaultReporterInterval()).isEqualTo(Duration.ofMillis(250));
        } finally {
            Aiocop.enableDefaultReporter();
            Aiocop.setDefaultReporterInterval(DefaultReporter.DEFAULT_INTERVAL);
        }
    }

    private static SlowTaskEvent event(double elapsedMs, int score, Map<String, Object> context) {
        List<BlockingEventInfo> events = score == 0 ? List.of()
                : List.of(BlockingEventInfo.of("open", "/tmp/x", List.of(),
                        "com.example.Handler.read(Handler.java:42)", score, BlockingEventInfo.UNKNOWN_DURATION, false,
                        BlockingEventInfo.Source.AUDIT));
        return new SlowTaskEvent(elapsedMs, 30, elapsedMs >= 30, score, SeverityLevel.fromScore(score),
                events.isEmpty() ? SlowTaskEvent.Reason.CPU_BLOCKING : SlowTaskEvent.Reason.IO_BLOCKING,
                events, context, 0, "loop-1", "loop-1");
    }
}
