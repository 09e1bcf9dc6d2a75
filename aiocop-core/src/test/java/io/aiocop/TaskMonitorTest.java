package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TaskMonitorTest {

    private final ManualTicker ticker = new ManualTicker();
    private final Recorder recorder = new Recorder();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
        loop = new TestLoop(TaskMonitor.builder("core-loop").ticker(ticker));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void fastTaskWithBlockingEventIsReportedAsIoBlockingBelowThreshold() {
        loop.run(() -> {
            ticker.advanceMillis(2);
            Aiocop.audit("open", "/var/data/x.json");
        });

        SlowTaskEvent e = recorder.only();
        assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
        assertThat(e.exceededThreshold()).isFalse();
        assertThat(e.elapsedMs()).isEqualTo(2.0);
        assertThat(e.thresholdMs()).isEqualTo(30);
        assertThat(e.severityScore()).isEqualTo(Severity.WEIGHT_MODERATE);
        assertThat(e.severityLevel()).isEqualTo(SeverityLevel.MEDIUM);
        assertThat(e.executorName()).isEqualTo("core-loop");
        assertThat(e.blockingEvents()).singleElement().satisfies(info -> {
            assertThat(info.event()).isEqualTo("open(/var/data/x.json)");
            assertThat(info.operation()).isEqualTo("open");
            assertThat(info.detail()).isEqualTo("/var/data/x.json");
            assertThat(info.durationNanos()).as("an audit event's duration is unknown").isEqualTo(-1);
            assertThat(info.permitted()).isFalse();
            assertThat(info.source()).isEqualTo(BlockingEventInfo.Source.AUDIT);
            assertThat(info.severity()).isEqualTo(Severity.WEIGHT_MODERATE);
            assertThat(info.weight()).isEqualTo(Severity.WEIGHT_MODERATE);
            assertThat(info.entryPoint()).startsWith(TaskMonitorTest.class.getName() + ".lambda$");
            assertThat(info.trace()).isNotEmpty();
            assertThat(info.trace().get(0).getClassName()).isEqualTo(TaskMonitorTest.class.getName());
        });
        assertThat(recorder.threads).containsExactly("test-loop-core-loop");
    }

    @Test
    void slowTaskWithoutBlockingEventIsReportedAsCpuBlocking() {
        loop.run(() -> ticker.advanceMillis(45));

        SlowTaskEvent e = recorder.only();
        assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
        assertThat(e.exceededThreshold()).isTrue();
        assertThat(e.elapsedMs()).isEqualTo(45.0);
        assertThat(e.blockingEvents()).isEmpty();
        assertThat(e.severityScore()).isZero();
        assertThat(e.severityLevel()).isEqualTo(SeverityLevel.LOW);
    }

    @Test
    void slowTaskWithBlockingEventIsIoBlockingAndExceeded() {
        loop.run(() -> {
            Aiocop.audit("sleep", "100 ms");
            ticker.advanceMillis(100);
        });

        SlowTaskEvent e = recorder.only();
        assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
        assertThat(e.exceededThreshold()).isTrue();
        assertThat(e.severityLevel()).isEqualTo(SeverityLevel.HIGH);
    }

    @Test
    void fastCleanTaskIsNotReported() {
        loop.run(() -> ticker.advanceMillis(29));
        loop.run(() -> ticker.advanceNanos(29_999_999));
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void taskOfExactlyTheThresholdExceedsIt() {
        loop.run(() -> ticker.advanceMillis(30));
        assertThat(recorder.only().exceededThreshold()).isTrue();
    }

    @Test
    void globalThresholdChangeAppliesToRunningMonitors() {
        Aiocop.detectSlowTasks(5);
        loop.run(() -> ticker.advanceMillis(6));
        assertThat(recorder.only().thresholdMs()).isEqualTo(5);
        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(5);
    }

    @Test
    void monitorThresholdOverridesTheGlobalOne() {
        try (TestLoop strict = new TestLoop(TaskMonitor.builder("strict").ticker(ticker).thresholdMs(2))) {
            strict.run(() -> ticker.advanceMillis(3));
            loop.run(() -> ticker.advanceMillis(3));
        }
        SlowTaskEvent e = recorder.only();
        assertThat(e.executorName()).isEqualTo("strict");
        assertThat(e.thresholdMs()).isEqualTo(2);
    }

    @Test
    void eventsPastTheCapAreDroppedButStillScored() {
        Aiocop.setMaxEventsPerTask(3);
        loop.run(() -> {
            for (int i = 0; i < 5; i++) {
                Aiocop.audit("open", "/f" + i);
            }
        });

        SlowTaskEvent e = recorder.only();
        assertThat(e.blockingEvents()).extracting(BlockingEventInfo::event)
                .containsExactly("open(/f0)", "open(/f1)", "open(/f2)");
        assertThat(e.droppedEvents()).isEqualTo(2);
        assertThat(e.severityScore()).isEqualTo(50);
        assertThat(e.severityLevel()).isEqualTo(SeverityLevel.HIGH);
        assertThat(Aiocop.calculateIoSeverityScore(e.blockingEvents())).isEqualTo(30);
    }

    @Test
    void defaultCapKeepsFiftyEvents() {
        loop.run(() -> {
            for (int i = 0; i < 60; i++) {
                Aiocop.audit("stat", "/f" + i);
            }
        });
        SlowTaskEvent e = recorder.only();
        assertThat(e.blockingEvents()).hasSize(50);
        assertThat(e.droppedEvents()).isEqualTo(10);
        assertThat(e.severityScore()).isEqualTo(60);
    }

    @Test
    void stateOfOneTaskDoesNotLeakIntoTheNext() {
        loop.run(() -> Aiocop.audit("open", "/a"));
        loop.run(() -> Aiocop.audit("stat", "/b"));
        assertThat(recorder.events).hasSize(2);
        SlowTaskEvent second = recorder.events.get(1);
        assertThat(second.blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("stat(/b)");
        assertThat(second.severityScore()).isEqualTo(1);
    }

    @Test
    void traceDepthLimitsTheTraceAndDropsAiocopFrames() {
        Aiocop.startBlockingIoDetection(3);
        loop.run(() -> Aiocop.audit("open", "/x"));
        BlockingEventInfo info = recorder.only().blockingEvents().get(0);
        assertThat(info.trace()).hasSize(3);
        assertThat(info.trace().get(0).getClassName()).isEqualTo(TaskMonitorTest.class.getName());
        assertThat(info.trace()).noneMatch(f -> f.getClassName().equals(Aiocop.class.getName())
                || f.getClassName().equals(TaskMonitor.class.getName()));
    }

    @Test
    void traceReadFromAnotherThreadAfterTheTaskIsTheStackOfTheCall() throws Exception {
        Aiocop.startBlockingIoDetection(2);
        AtomicReference<StackTraceElement[]> expected = new AtomicReference<>();
        // The Throwable and the call share one line, so the two stacks must agree frame for frame, line included.
        loop.run(() -> { expected.set(new Throwable().getStackTrace()); Aiocop.audit("open", "/x"); });
        BlockingEventInfo info = recorder.only().blockingEvents().get(0);

        // The stack below the call is 3 frames deep (lambda, TestLoop.loop, Thread.run): depth 2 cuts it.
        // The test thread is the first to read the trace: the loop thread recorded it and has moved on.
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            List<StackTraceElement> read = reader.submit(() -> List.copyOf(info.trace())).get(10, TimeUnit.SECONDS);
            assertThat(read).containsExactly(Arrays.copyOf(expected.get(), 2));
        } finally {
            reader.shutdownNow();
        }
        assertThat(info.trace()).containsExactly(Arrays.copyOf(expected.get(), 2));
        assertThat(info.entryPoint()).isEqualTo(expected.get()[0].toString());
        assertThat(info.trace()).isEqualTo(List.of(Arrays.copyOf(expected.get(), 2)))
                .hasSameHashCodeAs(List.of(Arrays.copyOf(expected.get(), 2)));
        assertThatThrownBy(() -> info.trace().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> info.trace().set(0, expected.get()[1]))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> info.trace().add(expected.get()[1]))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> info.trace().iterator().remove()).isInstanceOf(IllegalStateException.class);
        assertThat(new BlockingEventInfo(info.event(), info.trace(), info.entryPoint(), info.severity(),
                info.operation(), info.detail(), info.durationNanos(), info.permitted(), info.source())).isEqualTo(info);
    }

    @Test
    void traceDepthZeroStillNamesTheEntryPoint() {
        Aiocop.startBlockingIoDetection(0);
        loop.run(() -> Aiocop.audit("open", "/x"));
        BlockingEventInfo info = recorder.only().blockingEvents().get(0);
        assertThat(info.trace()).isEmpty();
        assertThat(info.entryPoint()).startsWith(TaskMonitorTest.class.getName());
    }

    @Test
    void entryPointSkipsJdkFramesBetweenTheCallAndTheApplication() {
        loop.run(() -> List.of("/a").forEach(p -> Aiocop.audit("open", p)));
        BlockingEventInfo info = recorder.only().blockingEvents().get(0);
        assertThat(info.entryPoint()).startsWith(TaskMonitorTest.class.getName());
        assertThat(info.trace()).anyMatch(f -> f.getClassName().startsWith("java."));
    }

    @Test
    void longDetailIsCutAtOneHundredCharacters() {
        String path = "/" + "d".repeat(150);
        loop.run(() -> Aiocop.audit("open", path));
        String event = recorder.only().blockingEvents().get(0).event();
        assertThat(event).isEqualTo("open(" + path.substring(0, 100) + "...)");
    }

    @Test
    void blockingEventsInsideCallbacksAreIgnored() {
        List<Integer> sizes = new ArrayList<>();
        SlowTaskCallback blocking = e -> {
            Aiocop.audit("sleep", "inside callback");
            sizes.add(e.blockingEvents().size());
        };
        Aiocop.registerSlowTaskCallback(blocking);
        loop.run(() -> Aiocop.audit("open", "/x"));
        loop.run(() -> { });

        assertThat(recorder.events).hasSize(1);
        assertThat(recorder.only().blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("open(/x)");
        assertThat(sizes).containsExactly(1);
    }

    @Test
    void eventsOutsideTasksAndOnUnmonitoredThreadsAreIgnored() throws Exception {
        Aiocop.audit("sleep", "test thread");
        Thread other = new Thread(() -> Aiocop.audit("sleep", "other thread"));
        other.start();
        other.join();
        assertThat(recorder.events).isEmpty();
        assertThat(loop.monitor.isInTask()).isFalse();
    }

    @Test
    void nothingIsRecordedBeforeDetectionStartsButTasksAreStillTimed() {
        Aiocop.stopBlockingIoDetection();
        assertThat(Aiocop.isBlockingIoDetectionStarted()).isFalse();
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.events).isEmpty();
        loop.run(() -> ticker.advanceMillis(31));
        assertThat(recorder.only().reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
    }

    @Test
    void beginWhileATaskRunsEndsThePreviousTaskAtTheSameInstant() {
        TaskMonitor monitor = TaskMonitor.builder("direct").ticker(ticker).build();
        monitor.bindToCurrentThread();
        try {
            monitor.beginTask(0, null);
            monitor.beginTask(40_000_000L, null);
            monitor.endTask(41_000_000L);
        } finally {
            monitor.unbindFromCurrentThread();
        }
        SlowTaskEvent e = recorder.only();
        assertThat(e.elapsedMs()).isEqualTo(40.0);
        assertThat(e.executorName()).isEqualTo("direct");
    }
}
