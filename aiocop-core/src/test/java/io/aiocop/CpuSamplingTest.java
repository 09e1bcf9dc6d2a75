package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CPU stack sampling and the loop thread's CPU time, on real threads: a slow task says where its time went and
 * whether it was on the CPU; the loop thread does nothing new for it. No agent is installed here.
 */
final class CpuSamplingTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Recorder recorder = new Recorder();

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.startCpuSampling();
        Aiocop.registerSlowTaskCallback(recorder);
    }

    @AfterEach
    void tearDown() {
        Aiocop.setStallThresholdMs(MonitoringState.DEFAULT_STALL_THRESHOLD_MS);
        AiocopReset.reset();
    }

    @Test
    void aCpuBoundTaskSamplesPointAtTheSpinningMethodAndItsCpuTimeIsWhatTheThreadSpent() {
        AtomicLong spentNanos = new AtomicLong();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("cpu-bound"))) {
            loop.run(() -> {
                long before = THREADS.getCurrentThreadCpuTime();
                spinInHandler(300);
                spentNanos.set(THREADS.getCurrentThreadCpuTime() - before);
            });
        }
        SlowTaskEvent event = recorder.only();
        assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
        List<CpuStackSample> samples = event.cpuStackSamples();
        assertThat(samples).isNotEmpty();
        int total = samples.stream().mapToInt(CpuStackSample::count).sum();
        assertThat(total).isBetween(2, StallWatchdog.MAX_CPU_SAMPLES_PER_TASK);
        assertThat(samples).isSortedAccordingTo((a, b) -> Integer.compare(b.count(), a.count()));
        CpuStackSample top = samples.get(0);
        assertThat(top.entryPoint().getClassName()).isEqualTo(CpuSamplingTest.class.getName());
        assertThat(top.entryPoint().getMethodName()).isEqualTo("spinInHandler");
        assertThat(top.trace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spinInHandler"));
        // The loop thread spun all along, so the task's CPU time is what the thread itself spent, however much of a
        // core a shared machine gave it (generous: the part before the watchdog armed the task is estimated).
        double spentMs = spentNanos.get() / 1e6;
        assertThat(event.cpuTimeMs()).isBetween(0.5 * spentMs, Math.min(event.elapsedMs(), 1.5 * spentMs + 5));

        String line = LineSink.lineOf(event);
        assertThat(line).startsWith("aiocop: cpu_blocking task on cpu-bound")
                .contains("on CPU ")
                .contains("; time went to " + CpuSamplingTest.class.getName() + ".spinInHandler(CpuSamplingTest.java:")
                .containsPattern("\\(\\d+% of \\d+ samples?\\)");
        // The offender report keys the task by where its time went, not by its executor.
        assertThat(Aiocop.report().rows()).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo(OffenderReport.Kind.CPU_BLOCKING);
            assertThat(row.entryPoint()).startsWith(CpuSamplingTest.class.getName() + ".spinInHandler(");
        });
    }

    @Test
    void aParkedTaskHasNearlyNoCpuTime() {
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("parked"))) {
            loop.run(() -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)));
        }
        SlowTaskEvent event = recorder.only();
        assertThat(event.elapsedMs()).isGreaterThanOrEqualTo(250);
        assertThat(event.cpuTimeMs()).isBetween(0.0, 0.3 * event.elapsedMs());
        assertThat(event.cpuStackSamples()).isNotEmpty().allSatisfy(sample ->
                assertThat(sample.trace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("park")));
    }

    @Test
    void noSamplesWhenSamplingIsOffOrTheTaskIsFast() {
        Aiocop.stopCpuSampling();
        assertThat(Aiocop.isCpuSamplingStarted()).isFalse();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("off"))) {
            loop.run(() -> spinInHandler(200));
            Aiocop.startCpuSampling();
            Aiocop.detectSlowTasks(1_000);
            // Fast, and reported only for its event: past half the threshold (armed, sampled for 100 ms) but far
            // from it, even on a loaded machine.
            loop.run(() -> {
                spinInHandler(600);
                Aiocop.audit("open", "/tmp/fast");
            });
        }
        assertThat(recorder.events).hasSize(2);
        SlowTaskEvent slowUnsampled = recorder.events.get(0);
        assertThat(slowUnsampled.exceededThreshold()).isTrue();
        assertThat(slowUnsampled.cpuStackSamples()).isEmpty();
        // Blocking detection still arms the task, so its CPU time is known without samples.
        assertThat(slowUnsampled.cpuTimeMs()).isPositive();
        SlowTaskEvent fast = recorder.events.get(1);
        assertThat(fast.exceededThreshold()).isFalse();
        assertThat(fast.cpuStackSamples()).isEmpty();
    }

    @Test
    void aTaskTheWatchdogNeverArmedHasUnknownCpuTime() {
        Aiocop.stopCpuSampling();
        Aiocop.stopBlockingIoDetection();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("unarmed"))) {
            loop.run(() -> spinInHandler(100));
        }
        SlowTaskEvent event = recorder.only();
        assertThat(event.cpuTimeMs()).isEqualTo(SlowTaskEvent.UNKNOWN);
        assertThat(event.cpuStackSamples()).isEmpty();
        assertThat(LineSink.lineOf(event)).doesNotContain("on CPU").doesNotContain("time went to");
    }

    @Test
    void badIntervalsAreRefusedAndLeaveSamplingAsItWas() {
        Aiocop.startCpuSampling(25);
        for (long bad : new long[] {0, 4, -10, 60_001}) {
            assertThatThrownBy(() -> Aiocop.startCpuSampling(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("intervalMs must be in [5, 60000], was " + bad);
            assertThat(Aiocop.getCpuSamplingIntervalMs()).isEqualTo(25);
            assertThat(Aiocop.isCpuSamplingStarted()).isTrue();
        }
        Aiocop.stopCpuSampling();
        assertThatThrownBy(() -> Aiocop.startCpuSampling(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Aiocop.isCpuSamplingStarted()).isFalse();
        assertThat(Aiocop.getCpuSamplingIntervalMs()).isZero();
    }

    @Test
    void aCallbackThatThrowsDoesNotLoseTheSamples() {
        SlowTaskCallback throwing = event -> {
            throw new IllegalStateException("callback bug");
        };
        Aiocop.clearSlowTaskCallbacks();
        Aiocop.registerSlowTaskCallback(throwing);
        Aiocop.registerSlowTaskCallback(recorder);
        long failures = Aiocop.getCallbackFailureCount();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("throwing-callback"))) {
            loop.run(() -> spinInHandler(200));
            loop.run(() -> spinInHandler(200));
        }
        assertThat(Aiocop.getCallbackFailureCount()).isEqualTo(failures + 2);
        assertThat(recorder.events).hasSize(2).allSatisfy(event -> {
            assertThat(event.cpuStackSamples()).isNotEmpty();
            assertThat(event.cpuTimeMs()).isPositive();
        });
    }

    @Test
    void aStalledTaskIsSampledOncePerStallReportNotOnEveryCheck() throws Exception {
        // Armed at 500 ms, a stall from 600 ms: 2 samples at the 50 ms interval before the stall, then one per stall
        // report (at about 0.6, 1.6 and 3.6 s). Sampled at the interval all along it would reach the cap of 32.
        Aiocop.detectSlowTasks(1_000);
        Aiocop.setStallThresholdMs(600);
        Aiocop.startCpuSampling(50);
        List<StallEvent> stalls = new CopyOnWriteArrayList<>();
        StallCallback stallCallback = stalls::add;
        Aiocop.registerStallCallback(stallCallback);
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("stall-sampled"))) {
            loop.run(() -> spinInHandler(4_000));
        } finally {
            Aiocop.unregisterStallCallback(stallCallback);
        }
        SlowTaskEvent event = recorder.only();
        int total = event.cpuStackSamples().stream().mapToInt(CpuStackSample::count).sum();
        long liveReports = stalls.stream().filter(s -> s.executorName().equals("stall-sampled") && !s.ended()).count();
        assertThat(liveReports).isBetween(2L, 4L);
        assertThat(total).isBetween(2, 12);
        assertThat(event.cpuStackSamples().get(0).entryPoint().getMethodName()).isEqualTo("spinInHandler");
    }

    /** Burns CPU in this class, as a handler computing too much would. */
    private static long spinInHandler(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long n = 0;
        while (System.nanoTime() < end) {
            n += Long.numberOfTrailingZeros(n + System.nanoTime());
        }
        return n;
    }
}
