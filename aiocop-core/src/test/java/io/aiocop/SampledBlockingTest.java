package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What no instrumentation sees, named by sampling the loop thread of a task already past half its threshold: a
 * contended {@code synchronized} and, where it is native, {@code Thread.sleep(long)}. No agent is installed here.
 */
final class SampledBlockingTest {

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
    void aContendedSynchronizedIsASampledMonitorEnterNamingTheOwner() throws Exception {
        Object lock = new Object();
        CountDownLatch held = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                StallWatchdogTest.spinFor(120);
            }
        }, "monitor-owner");
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("contention"))) {
            owner.start();
            held.await();
            loop.run(() -> {
                synchronized (lock) {
                    lock.hashCode();
                }
            });
        }
        owner.join();

        SlowTaskEvent event = recorder.only();
        assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
        assertThat(event.blockingEvents()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo("monitor-enter");
            assertThat(e.source()).isEqualTo(BlockingEventInfo.Source.SAMPLED);
            assertThat(e.detail()).startsWith("java.lang.Object@").endsWith(" held by monitor-owner");
            assertThat(e.weight()).isEqualTo(Severity.WEIGHT_HEAVY);
            assertThat(e.entryPoint()).startsWith(SampledBlockingTest.class.getName());
            assertThat(e.durationNanos()).isEqualTo(BlockingEventInfo.UNKNOWN_DURATION);
        });
    }

    @Test
    void aGroupWithAThresholdBelowTheGlobalOneIsSampledAtItsOwnPace() throws Exception {
        // Global threshold 1 s, stall reports off: the watchdog would look only every 100 ms. A loop whose own
        // threshold is 10 ms must be looked at every few ms, or 80 ms of contention is missed about half the time.
        Aiocop.detectSlowTasks(1_000);
        Aiocop.setStallThresholdMs(0);
        int contentions = 4;
        Object lock = new Object();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("low-threshold").thresholdMs(10))) {
            for (int i = 0; i < contentions; i++) {
                CountDownLatch held = new CountDownLatch(1);
                Thread owner = new Thread(() -> {
                    synchronized (lock) {
                        held.countDown();
                        StallWatchdogTest.spinFor(80);
                    }
                }, "monitor-owner-" + i);
                owner.start();
                held.await();
                loop.run(() -> {
                    synchronized (lock) {
                        lock.hashCode();
                    }
                });
                owner.join();
            }
        } finally {
            Aiocop.setStallThresholdMs(MonitoringState.DEFAULT_STALL_THRESHOLD_MS);
        }
        assertThat(recorder.events).hasSize(contentions).allSatisfy(event -> assertThat(event.blockingEvents())
                .singleElement().satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("monitor-enter");
                    assertThat(e.source()).isEqualTo(BlockingEventInfo.Source.SAMPLED);
                }));
    }

    @Test
    void aNativeThreadSleepIsASampledSleepAndAJavaCodedOneIsLeftToTheAgent() throws Exception {
        boolean nativeSleep = Modifier.isNative(Thread.class.getDeclaredMethod("sleep", long.class).getModifiers());
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("sleeping"))) {
            loop.run(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        SlowTaskEvent event = recorder.only();
        if (nativeSleep) {
            // Java 17 to 18 without the native-method prefix: only sampling can name it.
            assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.blockingEvents()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("sleep");
                assertThat(e.source()).isEqualTo(BlockingEventInfo.Source.SAMPLED);
                assertThat(e.entryPoint()).startsWith(SampledBlockingTest.class.getName());
            });
        } else {
            // Java code (19+): the agent reports it; without the agent (as here) sampling does not claim it.
            assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
            assertThat(event.blockingEvents()).isEmpty();
        }
    }

    @Test
    void busyTasksShortOrSlowGetNoSampledEvent() throws Exception {
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("busy-sampled"))) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < end) {
                loop.run(() -> StallWatchdogTest.spinFor(2));
            }
            loop.run(() -> StallWatchdogTest.spinFor(120));
        }
        assertThat(recorder.events).allSatisfy(e -> {
            assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
            assertThat(e.blockingEvents()).isEmpty();
        });
        assertThat(recorder.events).isNotEmpty();
    }
}
