package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow task that overlapped a stop-the-world GC pause says so, from the JVM's GC notifications, and the default
 * reporter does not call a task that a pause made slow a plain CPU-bound one.
 */
final class GcPausesTest {

    private final Recorder recorder = new Recorder();

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
    }

    @AfterEach
    void tearDown() {
        AiocopReset.reset();
    }

    @Test
    void aTaskThatRanAFullGcReportsThePauseAndTheReporterSaysSo() {
        // With the default collector (G1, or Serial on a small machine) System.gc() is a stop-the-world full GC;
        // enough live data makes it last several milliseconds.
        assertThat(ManagementFactory.getGarbageCollectorMXBeans()).extracting(GarbageCollectorMXBean::getName)
                .anyMatch(GcPauses::isPause);
        List<long[]> live = new ArrayList<>();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("gc"))) {
            loop.run(() -> {
                for (int i = 0; i < 200_000; i++) {
                    live.add(new long[16]);
                }
                System.gc();
            });
            loop.run(() -> StallWatchdogTest.spinFor(60));
        }
        assertThat(live).hasSize(200_000);
        assertThat(recorder.events).hasSize(2);
        SlowTaskEvent collected = recorder.events.get(0);
        assertThat(collected.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
        assertThat(collected.gcPauseMs()).isPositive().isLessThanOrEqualTo(collected.elapsedMs() + 1);
        assertThat(LineSink.lineOf(collected)).contains(", of which ").contains(" ms GC pause");
        // The next task ran no collection of its own: the full GC is not charged to it.
        assertThat(recorder.events.get(1).gcPauseMs()).isLessThan(collected.gcPauseMs());
    }

    @Test
    void aTaskSlowOnlyBecauseOfAPauseIsSaidToBe() {
        SlowTaskEvent pausedMostly = new SlowTaskEvent(45, 30, true, 0, SeverityLevel.LOW,
                SlowTaskEvent.Reason.CPU_BLOCKING, List.of(), Map.of(), 0, "loop-1", "loop", List.of(), 5, 40);
        assertThat(LineSink.lineOf(pausedMostly))
                .contains("45.0 ms (threshold 30 ms, exceeded), of which 40.0 ms GC pause (slow only because of the GC "
                        + "pause), on CPU 5.0 ms, severity low (0)");
        SlowTaskEvent slowAnyway = new SlowTaskEvent(90, 30, true, 0, SeverityLevel.LOW,
                SlowTaskEvent.Reason.CPU_BLOCKING, List.of(), Map.of(), 0, "loop-1", "loop", List.of(), 80, 10);
        assertThat(LineSink.lineOf(slowAnyway)).contains(", of which 10.0 ms GC pause")
                .doesNotContain("slow only because");
    }
}
