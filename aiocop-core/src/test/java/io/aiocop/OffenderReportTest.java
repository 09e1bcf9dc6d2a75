package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The offender report on real loops: reported tasks and stalls land in one row per call site, exactly counted,
 * sorted by impact; it is bounded, resettable, collected with no listener, and renders as text and valid JSON.
 */
final class OffenderReportTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<StallEvent> stalls = new CopyOnWriteArrayList<>();
    private final StallCallback stallCallback = stalls::add;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
    }

    @AfterEach
    void tearDown() {
        Aiocop.unregisterStallCallback(stallCallback);
        Aiocop.setStallThresholdMs(MonitoringState.DEFAULT_STALL_THRESHOLD_MS);
        Aiocop.enableDefaultReporter();
        AiocopReset.reset();
    }

    private static void openAtSiteA() {
        Aiocop.audit("open", "/var/data/a.json");
    }

    private static void sleepAtSiteB() {
        Aiocop.audit("sleep", "20 ms");
    }

    private static void auditAtOneSite(String operation, String detail) {
        Aiocop.audit(operation, detail);
    }

    private static String site(String method) {
        return OffenderReportTest.class.getName() + "." + method + "(";
    }

    @Test
    void aKnownMixGivesOneRowPerCallSiteWithExactCountsInImpactOrder() throws Exception {
        Aiocop.setStallThresholdMs(200);
        Aiocop.registerStallCallback(stallCallback);
        long before = System.currentTimeMillis();
        try (TestLoop mix = new TestLoop(TaskMonitor.builder("mix").ticker(ticker));
             TestLoop stuck = new TestLoop(TaskMonitor.builder("stuck").thresholdMs(600_000))) {
            mix.run(() -> {
                ticker.advanceMillis(2);
                openAtSiteA();
            });
            mix.run(() -> {
                ticker.advanceMillis(2);
                openAtSiteA();
                openAtSiteA();
            });
            mix.run(() -> {
                ticker.advanceMillis(2);
                openAtSiteA();
            });
            mix.run(() -> {
                ticker.advanceMillis(20);
                sleepAtSiteB();
            });
            mix.run(() -> ticker.advanceMillis(45));
            mix.run(() -> ticker.advanceMillis(1));
            // Reported at ~0.2 s and ~1.2 s while it spins, then its end: one stall.
            stuck.run(() -> StallWatchdogTest.spinFor(1_300));
            awaitEndedStall("stuck");
        }
        long after = System.currentTimeMillis();

        OffenderReport report = Aiocop.report();
        assertThat(stalls).filteredOn(e -> !e.ended()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.reportedTasks()).isEqualTo(5);
        assertThat(report.stalls()).isEqualTo(1);
        assertThat(report.otherCount()).isZero();
        assertThat(report.droppedCalls()).isZero();
        assertThat(report.rows()).extracting(OffenderReport.Row::kind).containsExactly(
                OffenderReport.Kind.STALL, OffenderReport.Kind.CPU_BLOCKING, OffenderReport.Kind.BLOCKING_CALL,
                OffenderReport.Kind.BLOCKING_CALL);

        OffenderReport.Row stall = report.rows().get(0);
        assertThat(stall.operation()).isEqualTo("stall");
        assertThat(stall.entryPoint()).startsWith(StallWatchdogTest.class.getName() + ".spinFor(");
        assertThat(stall.source()).isEqualTo(BlockingEventInfo.Source.SAMPLED);
        assertThat(stall.count()).isEqualTo(1);
        assertThat(stall.tasksAffected()).isEqualTo(1);
        assertThat(stall.totalWeight()).isZero();
        assertThat(stall.totalTaskTimeMs()).isEqualTo(stall.maxTaskTimeMs()).isBetween(1_000.0, 30_000.0);
        assertThat(stall.maxCallDurationMs()).isEqualTo(-1);
        assertThat(stall.lastDetail()).isEqualTo("RUNNABLE");

        OffenderReport.Row cpu = report.rows().get(1);
        assertThat(cpu.operation()).isEqualTo("cpu");
        assertThat(cpu.entryPoint()).isEqualTo("executor mix");
        assertThat(cpu.source()).isNull();
        assertThat(cpu.count()).isEqualTo(1);
        assertThat(cpu.tasksAffected()).isEqualTo(1);
        assertThat(cpu.totalTaskTimeMs()).isEqualTo(45.0);
        assertThat(cpu.maxCallDurationMs()).isEqualTo(-1);

        OffenderReport.Row sleep = report.rows().get(2);
        assertThat(sleep.operation()).isEqualTo("sleep");
        assertThat(sleep.entryPoint()).startsWith(site("sleepAtSiteB"));
        assertThat(sleep.source()).isEqualTo(BlockingEventInfo.Source.AUDIT);
        assertThat(sleep.count()).isEqualTo(1);
        assertThat(sleep.totalWeight()).isEqualTo(Severity.WEIGHT_HEAVY);
        assertThat(sleep.tasksAffected()).isEqualTo(1);
        assertThat(sleep.totalTaskTimeMs()).isEqualTo(20.0);
        assertThat(sleep.lastDetail()).isEqualTo("20 ms");

        OffenderReport.Row open = report.rows().get(3);
        assertThat(open.operation()).isEqualTo("open");
        assertThat(open.entryPoint()).startsWith(site("openAtSiteA"));
        assertThat(open.count()).as("two opens in one task count twice").isEqualTo(4);
        assertThat(open.tasksAffected()).as("but the task once").isEqualTo(3);
        assertThat(open.totalWeight()).isEqualTo(4L * Severity.WEIGHT_MODERATE);
        assertThat(open.totalTaskTimeMs()).isEqualTo(6.0);
        assertThat(open.maxTaskTimeMs()).isEqualTo(2.0);
        assertThat(open.maxCallDurationMs()).as("an audit call's duration is unknown").isEqualTo(-1);
        assertThat(open.lastDetail()).isEqualTo("/var/data/a.json");

        assertThat(report.rows()).allSatisfy(row -> assertThat(row.lastSeen())
                .isBetween(Instant.ofEpochMilli(before), Instant.ofEpochMilli(after)));
        assertThat(report.since()).isBeforeOrEqualTo(Instant.ofEpochMilli(before));

        // The text table: a header, then the rows in the same order, the entry points in one column.
        String[] lines = report.toText().split("\n");
        assertThat(lines[0]).startsWith("aiocop offender report since ")
                .contains("5 reported tasks, 1 stall, 4 call sites (at most 1000)");
        assertThat(lines[1]).startsWith("#").contains("kind", "count", "weight", "tasks", "task ms total");
        int column = lines[1].indexOf("entry point");
        for (int i = 0; i < 4; i++) {
            OffenderReport.Row row = report.rows().get(i);
            assertThat(lines[2 + i]).startsWith(Integer.toString(i + 1)).contains(row.kind().label());
            assertThat(lines[2 + i].indexOf(row.entryPoint())).isEqualTo(column);
        }
        assertThat(lines[5]).contains(" open ", " audit ", " 4 ", " 40 ", " 3 ", " 6.0 ", " 2.0 ", " - ");
        assertThat(lines).hasSize(6);
        assertThat(report.toString()).isEqualTo(report.toText());
    }

    @Test
    void theReportCollectsWhenNoCallbackReporterOrRecordingListens() {
        Aiocop.disableDefaultReporter();
        Aiocop.clearSlowTaskCallbacks();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("unheard").ticker(ticker))) {
            loop.run(() -> {
                ticker.advanceMillis(3);
                openAtSiteA();
            });
        }
        assertThat(Aiocop.report().rows()).singleElement().satisfies(row -> {
            assertThat(row.entryPoint()).startsWith(site("openAtSiteA"));
            assertThat(row.count()).isEqualTo(1);
            assertThat(row.totalTaskTimeMs()).isEqualTo(3.0);
        });
    }

    @Test
    void resetEmptiesTheReportAndAggregationStartsAgain() {
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("reset").ticker(ticker))) {
            loop.run(OffenderReportTest::openAtSiteA);
            assertThat(Aiocop.report().rows()).hasSize(1);
            long before = System.currentTimeMillis();

            Aiocop.resetReport();

            OffenderReport empty = Aiocop.report();
            assertThat(empty.rows()).isEmpty();
            assertThat(empty.reportedTasks()).isZero();
            assertThat(empty.since()).isAfterOrEqualTo(Instant.ofEpochMilli(before));
            assertThat(empty.toText()).endsWith("no offenders\n");
            loop.run(OffenderReportTest::sleepAtSiteB);
            assertThat(Aiocop.report().rows()).extracting(OffenderReport.Row::operation).containsExactly("sleep");
        }
    }

    @Test
    void pastTheCapNewCallSitesAreCountedAsOtherAndKnownOnesStillCount() {
        Aiocop.setReportMaxCallSites(2);
        assertThat(Aiocop.getReportMaxCallSites()).isEqualTo(2);
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("capped").ticker(ticker))) {
            loop.run(() -> {
                ticker.advanceMillis(1);
                auditAtOneSite("open", "a");
            });
            loop.run(() -> {
                ticker.advanceMillis(1);
                auditAtOneSite("stat", "b");
            });
            loop.run(() -> {
                ticker.advanceMillis(4);
                auditAtOneSite("connect", "c");
                auditAtOneSite("exec", "d");
                auditAtOneSite("open", "e");
            });
        }
        OffenderReport report = Aiocop.report();
        assertThat(report.rows()).extracting(OffenderReport.Row::operation).containsExactly("open", "stat");
        assertThat(report.rows().get(0).count()).isEqualTo(2);
        assertThat(report.rows().get(0).lastDetail()).isEqualTo("e");
        assertThat(report.otherCount()).isEqualTo(2);
        assertThat(report.otherWeight()).isEqualTo(2L * Severity.WEIGHT_HEAVY);
        assertThat(report.otherTasksAffected()).as("the task with two sites over the cap counts once").isEqualTo(1);
        assertThat(report.otherTaskTimeMs()).isEqualTo(4.0);
        assertThat(report.maxCallSites()).isEqualTo(2);
        assertThat(report.toText()).contains("other (call sites over the cap): count 2, weight 100, tasks 1");
    }

    @Test
    void aBadCapIsRefusedWithTheValueAndChangesNothing() {
        Aiocop.setReportMaxCallSites(7);
        assertThatThrownBy(() -> Aiocop.setReportMaxCallSites(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCallSites must be in [1, 1000000], was 0");
        assertThatThrownBy(() -> Aiocop.setReportMaxCallSites(-3)).hasMessageEndingWith("was -3");
        assertThat(Aiocop.getReportMaxCallSites()).isEqualTo(7);
    }

    @Test
    void callsDroppedByThePerTaskCapAreCountedWithoutASite() {
        Aiocop.setMaxEventsPerTask(1);
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("dropping").ticker(ticker))) {
            loop.run(() -> {
                openAtSiteA();
                openAtSiteA();
                openAtSiteA();
            });
        }
        OffenderReport report = Aiocop.report();
        assertThat(report.droppedCalls()).isEqualTo(2);
        assertThat(report.rows()).singleElement().satisfies(row -> assertThat(row.count()).isEqualTo(1));
        assertThat(report.toText()).contains("dropped by the per-task cap (call site unknown): 2 calls");
    }

    @Test
    void theJsonIsValidAndCarriesEveryValueAlsoThroughQuotesBackslashesAndControlCharacters() throws Exception {
        String nasty = "say \"hi\" \\ C:\\tmp\n\t\r\u0001\u001f \u00e9 \u2603 \ud83d\ude00 </script>";
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("json \"loop\"").ticker(ticker))) {
            loop.run(() -> {
                ticker.advanceMillis(3);
                Aiocop.audit("open", nasty);
            });
            loop.run(() -> ticker.advanceMillis(40));
        }
        OffenderReport report = Aiocop.report();
        JsonObject json = parseStrictly(report.toJson());

        assertThat(json.get("since").getAsString()).isEqualTo(report.since().toString());
        assertThat(json.get("takenAt").getAsString()).isEqualTo(report.takenAt().toString());
        assertThat(json.get("maxCallSites").getAsInt()).isEqualTo(1000);
        assertThat(json.get("reportedTasks").getAsLong()).isEqualTo(2);
        assertThat(json.get("stalls").getAsLong()).isZero();
        assertThat(json.get("droppedCalls").getAsLong()).isZero();
        assertThat(json.getAsJsonObject("other").get("count").getAsLong()).isZero();
        JsonArray rows = json.getAsJsonArray("rows");
        assertThat(rows).hasSize(report.rows().size()).hasSize(2);
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.get(i).getAsJsonObject();
            OffenderReport.Row expected = report.rows().get(i);
            assertThat(row.get("kind").getAsString()).isEqualTo(expected.kind().label());
            assertThat(row.get("operation").getAsString()).isEqualTo(expected.operation());
            assertThat(row.get("entryPoint").getAsString()).isEqualTo(expected.entryPoint());
            assertThat(row.get("count").getAsLong()).isEqualTo(expected.count());
            assertThat(row.get("totalWeight").getAsLong()).isEqualTo(expected.totalWeight());
            assertThat(row.get("tasksAffected").getAsLong()).isEqualTo(expected.tasksAffected());
            assertThat(row.get("totalTaskTimeMs").getAsDouble()).isEqualTo(expected.totalTaskTimeMs());
            assertThat(row.get("maxTaskTimeMs").getAsDouble()).isEqualTo(expected.maxTaskTimeMs());
            assertThat(row.get("maxCallDurationMs").getAsDouble()).isEqualTo(expected.maxCallDurationMs());
            assertThat(row.get("lastDetail").getAsString()).isEqualTo(expected.lastDetail());
            assertThat(Instant.parse(row.get("lastSeen").getAsString())).isEqualTo(expected.lastSeen());
        }
        JsonObject cpu = rows.get(0).getAsJsonObject();
        assertThat(cpu.get("entryPoint").getAsString()).isEqualTo("executor json \"loop\"");
        assertThat(cpu.get("source").isJsonNull()).isTrue();
        JsonObject open = rows.get(1).getAsJsonObject();
        assertThat(open.get("source").getAsString()).isEqualTo("audit");
        assertThat(open.get("lastDetail").getAsString()).isEqualTo(nasty);
        assertThat(report.toJson()).matches("\\p{ASCII}*").doesNotContain("\n");
    }

    @Test
    void anEmptyReportIsValidJson() throws Exception {
        JsonObject json = parseStrictly(Aiocop.report().toJson());
        assertThat(json.getAsJsonArray("rows")).isEmpty();
    }

    @Test
    void severalLoopsReportingAtOnceGiveExactTotals() throws Exception {
        int loops = 4;
        int tasksPerLoop = 300;
        List<TestLoop> running = new ArrayList<>();
        List<Thread> drivers = new ArrayList<>();
        try {
            for (int l = 0; l < loops; l++) {
                ManualTicker own = new ManualTicker();
                TestLoop loop = new TestLoop(TaskMonitor.builder("concurrent-" + l).ticker(own));
                running.add(loop);
                drivers.add(new Thread(() -> {
                    for (int t = 0; t < tasksPerLoop; t++) {
                        loop.run(() -> {
                            own.advanceMillis(1);
                            openAtSiteA();
                            sleepAtSiteB();
                        });
                    }
                }));
            }
            drivers.forEach(Thread::start);
            for (Thread driver : drivers) {
                driver.join(120_000);
            }
        } finally {
            running.forEach(TestLoop::close);
        }
        long tasks = (long) loops * tasksPerLoop;
        OffenderReport report = Aiocop.report();
        assertThat(report.reportedTasks()).isEqualTo(tasks);
        assertThat(report.rows()).hasSize(2).allSatisfy(row -> {
            assertThat(row.count()).isEqualTo(tasks);
            assertThat(row.tasksAffected()).isEqualTo(tasks);
            assertThat(row.totalTaskTimeMs()).isEqualTo((double) tasks);
        });
        assertThat(report.rows()).extracting(OffenderReport.Row::totalWeight)
                .containsExactly(tasks * Severity.WEIGHT_HEAVY, tasks * Severity.WEIGHT_MODERATE);
    }

    @Test
    void impactIsTaskTimeThenWeightThenCount() {
        AtomicLong now = new AtomicLong(1_000);
        OffenderAggregator offenders = new OffenderAggregator(new FailureCounter(), now::get);
        offenders.record(task(10, call("open", "A", 10)));               // 10 ms, weight 10, 1 call
        offenders.record(task(10, call("sleep", "B", 50)));              // 10 ms, weight 50
        offenders.record(task(10, call("stat", "C", 1), call("stat", "C", 1),
                call("stat", "C", 8)));                                  // 10 ms, weight 10, 3 calls
        offenders.record(task(11, call("file.read", "D", 1)));           // 11 ms, weight 1
        assertThat(offenders.snapshot().rows()).extracting(OffenderReport.Row::entryPoint)
                .containsExactly("D", "B", "C", "A");
    }

    @Test
    void aFailureWhileAggregatingIsCountedAndNeverThrown() {
        FailureCounter failures = new FailureCounter();
        OffenderAggregator broken = new OffenderAggregator(failures, new LongSupplier() {
            private boolean started;

            @Override
            public long getAsLong() {
                if (started) {
                    throw new IllegalStateException("clock broke");
                }
                started = true;
                return 0;
            }
        });
        broken.record(task(5, call("open", "A", 10)));
        broken.record(new StallEvent("x", "x", 1, Thread.State.RUNNABLE, List.of(), null, null, false, Map.of()),
                new OffenderAggregator.StallTally());
        assertThat(failures.count()).isEqualTo(2);
    }

    private static SlowTaskEvent task(double elapsedMs, BlockingEventInfo... calls) {
        int score = 0;
        for (BlockingEventInfo call : calls) {
            score += call.weight();
        }
        return new SlowTaskEvent(elapsedMs, 30, false, score, SeverityLevel.fromScore(score),
                SlowTaskEvent.Reason.IO_BLOCKING, List.of(calls), Map.of(), 0, "unit", "unit");
    }

    private static BlockingEventInfo call(String operation, String entryPoint, int weight) {
        return BlockingEventInfo.of(operation, "", List.of(), entryPoint, weight, 1_000, false,
                BlockingEventInfo.Source.INSTRUMENTED);
    }

    private static JsonObject parseStrictly(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement parsed = JsonParser.parseReader(reader);
        assertThat(reader.peek()).isEqualTo(JsonToken.END_DOCUMENT);
        return parsed.getAsJsonObject();
    }

    private void awaitEndedStall(String executor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (stalls.stream().anyMatch(e -> e.executorName().equals(executor) && e.ended())) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no end of the stall of " + executor + " in 20 s; saw " + stalls);
    }
}
