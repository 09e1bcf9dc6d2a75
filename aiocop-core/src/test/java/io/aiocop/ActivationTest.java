package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ActivationTest {

    private final Recorder recorder = new Recorder();
    private final ManualTicker ticker = new ManualTicker();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
        loop = new TestLoop(TaskMonitor.builder("switch").ticker(ticker));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void monitoringIsActiveFromStartUp() {
        assertThat(Aiocop.isMonitoringActive()).isTrue();
    }

    @Test
    void whileDeactivatedNothingIsRecordedOrReportedAndNoProviderRuns() {
        int[] providerCalls = new int[1];
        Aiocop.registerContextProvider(() -> {
            providerCalls[0]++;
            return Map.of();
        });
        Aiocop.deactivate();
        assertThat(Aiocop.isMonitoringActive()).isFalse();

        loop.run(() -> {
            Aiocop.audit("sleep", "1 s");
            ticker.advanceMillis(500);
        });

        assertThat(recorder.events).isEmpty();
        assertThat(providerCalls[0]).isZero();
        assertThat(loop.monitor.isInTask()).isFalse();
    }

    @Test
    void activateResumesReporting() {
        Aiocop.deactivate();
        loop.run(() -> Aiocop.audit("open", "/off"));
        Aiocop.activate();
        loop.run(() -> Aiocop.audit("open", "/on"));
        assertThat(recorder.only().blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("open(/on)");
    }

    @Test
    void deactivatingDuringATaskDropsThatTask() {
        loop.run(() -> {
            Aiocop.audit("open", "/x");
            Aiocop.deactivate();
        });
        assertThat(recorder.events).isEmpty();
    }
}
