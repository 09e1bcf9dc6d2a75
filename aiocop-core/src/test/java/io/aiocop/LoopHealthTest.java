package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class LoopHealthTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final TaskMonitor monitor = TaskMonitor.builder("health-1").groupName("health").ticker(now::get)
            .thresholdMs(10_000).build();
    private final List<LoopListener> listeners = new ArrayList<>();

    @AfterEach
    void tearDown() {
        listeners.forEach(Aiocop::removeLoopListener);
        monitor.unregisterLoop();
    }

    private void task(long nanos) {
        monitor.beginTask(now.get(), null);
        now.addAndGet(nanos);
        monitor.endTask(now.get());
    }

    @Test
    void everyTaskIsCountedWithItsDurationWithinTheBucketPrecision() {
        MonitoredLoop loop = monitor.registerLoop(() -> 3);
        for (int i = 0; i < 999; i++) {
            task(MS);
        }
        task(100 * MS);

        LoopHealth health = loop.health();
        assertThat(health.tasks()).isEqualTo(1000);
        assertThat(health.intervalTasks()).isEqualTo(1000);
        assertThat(health.taskTimeNanos()).isEqualTo(1099 * MS);
        assertThat(health.taskDurationNanos(0.5)).isBetween(MS, MS + MS / 16);
        assertThat(health.taskDurationNanos(0.999)).isBetween(MS, MS + MS / 16);
        assertThat(health.taskDurationNanos(1)).isBetween(100 * MS, 100 * MS + 100 * MS / 16);
        assertThat(health.maxTaskDurationNanos()).isEqualTo(health.taskDurationNanos(1));
        assertThat(health.pendingTasks()).isEqualTo(3);
        assertThat(health.lagNanos()).isEqualTo(LoopHealth.NO_LAG);
        assertThat(loop.groupName()).isEqualTo("health");
        assertThat(loop.name()).isEqualTo("health-1");

        LoopHealth next = health.next();
        assertThat(next.tasks()).isEqualTo(1000);
        assertThat(next.intervalTasks()).isZero();
        assertThat(next.taskDurationNanos(0.99)).isZero();
        assertThat(next.maxTaskDurationNanos()).isZero();
    }

    @Test
    void ioUnitsAndIterationsAreIoTimeNotTasks() {
        MonitoredLoop loop = monitor.registerLoop(() -> 0);
        monitor.beginIteration(now.get());
        now.addAndGet(2 * MS);
        monitor.beginIoTask(now.get(), null);
        now.addAndGet(3 * MS);
        monitor.beginTask(now.get(), null);
        now.addAndGet(MS);
        monitor.endTask(now.get());

        LoopHealth health = loop.health();
        assertThat(health.tasks()).isEqualTo(1);
        assertThat(health.taskTimeNanos()).isEqualTo(MS);
        assertThat(health.ioTimeNanos()).isEqualTo(5 * MS);
        assertThat(health.iterations()).isEqualTo(1);
    }

    @Test
    void theLagProbeIsMeasuredButNeitherCountedNorReported() {
        List<SlowTaskEvent> reported = new ArrayList<>();
        SlowTaskCallback callback = reported::add;
        Aiocop.registerSlowTaskCallback(callback);
        try {
            MonitoredLoop loop = monitor.registerLoop(() -> 0);
            long due = now.get();
            monitor.scheduleLagProbe(due);
            now.addAndGet(7 * MS);
            monitor.beginTask(now.get(), null);
            monitor.recordLagProbe(due, now.get());
            now.addAndGet(20_000 * MS);
            monitor.endTask(now.get());
            monitor.scheduleLagProbe(now.get() + 100 * MS);

            LoopHealth health = loop.health();
            assertThat(health.tasks()).isZero();
            assertThat(health.lagNanos()).isEqualTo(7 * MS);
            assertThat(health.maxLagNanos()).isBetween(7 * MS, 7 * MS + 7 * MS / 16);
            assertThat(reported).isEmpty();

            // Overdue and not run: the lag shown grows with the wait.
            now.addAndGet(400 * MS);
            assertThat(health.next().lagNanos()).isEqualTo(300 * MS);
        } finally {
            Aiocop.unregisterSlowTaskCallback(callback);
        }
    }

    @Test
    void utilizationCountsTheRunningTaskInTheIntervalItRunsIn() {
        MonitoredLoop loop = monitor.registerLoop(() -> 0);
        LoopHealth start = loop.health();
        task(50 * MS);
        now.addAndGet(50 * MS);
        LoopHealth half = start.next();
        assertThat(half.intervalNanos()).isEqualTo(100 * MS);
        assertThat(half.utilization()).isEqualTo(0.5);

        monitor.beginTask(now.get(), null);
        now.addAndGet(100 * MS);
        LoopHealth stuck = half.next();
        assertThat(stuck.utilization()).isEqualTo(1.0);
        now.addAndGet(50 * MS);
        monitor.endTask(now.get());
        now.addAndGet(50 * MS);
        assertThat(stuck.next().utilization()).isEqualTo(0.5);
    }

    @Test
    void listenersSeeLoopsComeAndGoAndOneThatThrowsDoesNotStopTheOthers() {
        List<String> seen = new ArrayList<>();
        LoopListener throwing = new LoopListener() {
            @Override
            public void loopAdded(MonitoredLoop loop) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void loopRemoved(MonitoredLoop loop) {
                throw new IllegalStateException("boom");
            }
        };
        LoopListener recording = new LoopListener() {
            @Override
            public void loopAdded(MonitoredLoop loop) {
                seen.add("added " + loop.name());
            }

            @Override
            public void loopRemoved(MonitoredLoop loop) {
                seen.add("removed " + loop.name());
            }
        };
        MonitoredLoop loop = monitor.registerLoop(() -> 0);
        assertThat(monitor.registerLoop(() -> 1)).isSameAs(loop);
        long failures = Aiocop.getCallbackFailureCount();
        listeners.add(throwing);
        listeners.add(recording);
        Aiocop.addLoopListener(throwing);
        Aiocop.addLoopListener(recording);
        assertThat(seen).containsExactly("added health-1");
        assertThat(Aiocop.loops()).contains(loop);

        monitor.unregisterLoop();
        monitor.unregisterLoop();
        assertThat(seen).containsExactly("added health-1", "removed health-1");
        assertThat(Aiocop.loops()).doesNotContain(loop);
        assertThat(Aiocop.getCallbackFailureCount() - failures).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefusedWithTheirValue() {
        MonitoredLoop loop = monitor.registerLoop(() -> 0);
        assertThatIllegalArgumentException().isThrownBy(() -> loop.health().taskDurationNanos(1.5))
                .withMessage("quantile must be between 0 and 1, was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.setLagProbeIntervalMs(-1))
                .withMessageContaining("intervalMs").withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> TaskMonitor.builder("x").groupName(" "));
        assertThat(Aiocop.getLagProbeIntervalMs()).isEqualTo(100);
        assertThat(TaskMonitor.builder("x").lagProbeIntervalMs(0).build().lagProbeIntervalMs()).isZero();
        assertThat(TaskMonitor.builder("solo").build().groupName()).isEqualTo("solo");
    }

    @Test
    void bucketsKeepEveryValueWithinOneSixteenth() {
        for (long value : new long[] {0, 1, 15, 31, 32, 33, 47, 48, 1000, 999_999, 1_000_000, 123_456_789_012L,
                Long.MAX_VALUE}) {
            int index = LogLinearHistogram.index(value);
            assertThat(index).isBetween(0, LogLinearHistogram.BUCKETS - 1);
            long highest = LogLinearHistogram.highestValue(index);
            assertThat(highest).as("bucket of %d", value).isGreaterThanOrEqualTo(value);
            assertThat(highest - value).as("bucket of %d", value).isLessThanOrEqualTo(value / 16);
            if (index > 0) {
                assertThat(LogLinearHistogram.highestValue(index - 1)).isLessThan(value);
            }
        }
    }
}
