package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class BlockingEventRegistryTest {

    private final Recorder recorder = new Recorder();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
        loop = new TestLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void defaultCatalogueCoversEveryRowOfAiocopsTablesWithTheirWeights() {
        Map<String, Integer> dict = Aiocop.getBlockingEventsDict();
        assertThat(dict).containsEntry("getaddrinfo", 50).containsEntry("connect", 50).containsEntry("accept", 50)
                .containsEntry("socket.read", 10).containsEntry("socket.write", 10)
                .containsEntry("ssl.read", 10).containsEntry("ssl.write", 10)
                .containsEntry("open", 10).containsEntry("listdir", 10).containsEntry("walk", 50)
                .containsEntry("delete", 10).containsEntry("rename", 10).containsEntry("mkdir", 10)
                .containsEntry("stat", 1).containsEntry("flock", 1)
                .containsEntry("exec", 50).containsEntry("sleep", 50)
                .containsEntry("park", 50).containsEntry("wait", 50).containsEntry("future.get", 50)
                .containsEntry("thread.join", 50).containsEntry("jdbc.connect", 50)
                .containsEntry("http.connect", 50);
    }

    @Test
    void snapshotIsSortedAndImmutable() {
        Map<String, Integer> dict = Aiocop.getBlockingEventsDict();
        assertThat(new ArrayList<>(dict.keySet())).isSorted();
        assertThatThrownBy(() -> dict.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void eventRegisteredAfterDetectionStartedIsRecordedWithItsWeight() {
        assertThat(Aiocop.isBlockingIoDetectionStarted()).isTrue();
        Aiocop.registerBlockingEvent("legacy.query", Severity.WEIGHT_HEAVY);
        loop.run(() -> Aiocop.audit("legacy.query", "SELECT 1"));
        SlowTaskEvent e = recorder.only();
        assertThat(e.blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("legacy.query(SELECT 1)");
        assertThat(e.severityScore()).isEqualTo(50);
        assertThat(Aiocop.getBlockingEventsDict()).containsEntry("legacy.query", 50);
    }

    @Test
    void changingAWeightTakesEffectAtOnce() {
        Aiocop.registerBlockingEvent("open", Severity.WEIGHT_HEAVY);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.only().severityLevel()).isEqualTo(SeverityLevel.HIGH);
    }

    @Test
    void trivialEventIsReportedWithScoreZero() {
        Aiocop.registerBlockingEvent("getcwd", Severity.WEIGHT_TRIVIAL);
        loop.run(() -> Aiocop.audit("getcwd", null));
        SlowTaskEvent e = recorder.only();
        assertThat(e.severityScore()).isZero();
        assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
        assertThat(e.blockingEvents().get(0).event()).isEqualTo("getcwd()");
    }

    @Test
    void badRegistrationsAreRejectedByNameAndLeaveTheCatalogueUnchanged() {
        Map<String, Integer> before = Aiocop.getBlockingEventsDict();
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.registerBlockingEvent("  ", 10))
                .withMessageContaining("blank");
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.registerBlockingEvent("open", -1))
                .withMessage("weight of blocking event 'open' must be >= 0, was -1");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.registerBlockingEvent(null, 1)).withMessage("name must not be null");
        assertThat(Aiocop.getBlockingEventsDict()).isEqualTo(before);
    }

    @Test
    void auditOfAnUnknownOrBlankNameIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.audit("no.such.event", "x"))
                .withMessageContaining("no.such.event").withMessageContaining("registerBlockingEvent");
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.audit("", "x")).withMessageContaining("blank");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.audit(null, "x")).withMessage("name must not be null");
    }

    @Test
    void otherBadSettingsAreRejectedAndLeaveStateUnchanged() {
        Aiocop.startBlockingIoDetection(7);
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.startBlockingIoDetection(-1))
                .withMessage("traceDepth must be in [0, 1024], was -1");
        assertThat(MonitoringState.traceDepth).isEqualTo(7);
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.setMaxEventsPerTask(0))
                .withMessage("maxEvents must be >= 1, was 0");
        assertThat(Aiocop.getMaxEventsPerTask()).isEqualTo(50);
        assertThatIllegalArgumentException().isThrownBy(() -> TaskMonitor.builder("x").thresholdMs(-5))
                .withMessage("thresholdMs must be > 0, was -5");
        assertThatIllegalArgumentException().isThrownBy(() -> TaskMonitor.builder(" "))
                .withMessageContaining("blank");
        assertThatNullPointerException().isThrownBy(() -> TaskMonitor.builder("x").ticker(null)).withMessage("ticker must not be null");
    }
}
