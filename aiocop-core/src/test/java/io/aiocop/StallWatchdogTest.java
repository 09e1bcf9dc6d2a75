package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live stall watchdog, on real threads: a task stuck on a lock, spinning, or deadlocked is reported while it
 * still runs, with the loop thread's live stack, state and lock owner; repeats back off; the end is reported once.
 */
final class StallWatchdogTest {

    private final List<StallEvent> stalls = new CopyOnWriteArrayList<>();
    private final StallCallback callback = stalls::add;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.setStallThresholdMs(200);
        Aiocop.registerStallCallback(callback);
    }

    @AfterEach
    void tearDown() {
        Aiocop.unregisterStallCallback(callback);
        Aiocop.setStallThresholdMs(1000);
        AiocopReset.reset();
    }

    private List<StallEvent> of(String executor) {
        return stalls.stream().filter(e -> e.executorName().equals(executor)).toList();
    }

    private StallEvent awaitStall(String executor, Predicate<StallEvent> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (StallEvent e : of(executor)) {
                if (matching.test(e)) {
                    return e;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching stall report of " + executor + " in 20 s; saw " + of(executor));
    }

    @Test
    void aTaskWaitingForAContendedMonitorIsReportedWhileStuckWithTheOwnerAndThenItsEndOnce() throws Exception {
        Object lock = new Object();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lock-owner");
        owner.setDaemon(true);
        owner.start();
        held.await();
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("contended"))) {
            Thread task = new Thread(() -> loop.run(() -> {
                synchronized (lock) {
                    lock.hashCode();
                }
            }));
            task.start();

            StallEvent live = awaitStall("contended", e -> !e.ended());
            assertThat(live.threadName()).isEqualTo("test-loop-contended");
            assertThat(live.threadState()).isEqualTo(Thread.State.BLOCKED);
            assertThat(live.lockOwnerThreadName()).isEqualTo("lock-owner");
            assertThat(live.lockName()).startsWith("java.lang.Object@");
            assertThat(live.stalledMs()).isGreaterThanOrEqualTo(200);
            assertThat(live.stack()).isNotEmpty();
            assertThat(live.stack().get(0).getClassName()).startsWith(StallWatchdogTest.class.getName());

            release.countDown();
            task.join(20_000);
            StallEvent end = awaitStall("contended", StallEvent::ended);
            assertThat(end.stalledMs()).isGreaterThanOrEqualTo(live.stalledMs());
            Thread.sleep(500);
            assertThat(of("contended")).filteredOn(StallEvent::ended).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aSpinningTaskIsReportedLiveWithTheSpinningMethodAndRepeatsBackOff() throws Exception {
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("spinning"))) {
            loop.run(() -> spinFor(3_500));
            StallEvent end = awaitStall("spinning", StallEvent::ended);
            List<StallEvent> live = of("spinning").stream().filter(e -> !e.ended()).toList();
            // At ~0.2 s, ~1.2 s and ~3.2 s: backoff of 1 s then 2 s, never one per check (every 50 ms).
            assertThat(live).hasSizeBetween(2, 4);
            assertThat(live).allSatisfy(e -> {
                assertThat(e.threadState()).isEqualTo(Thread.State.RUNNABLE);
                assertThat(e.lockName()).isNull();
                assertThat(e.stack()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spinFor"));
            });
            assertThat(end.stalledMs()).isGreaterThanOrEqualTo(3_000);
        }
    }

    @Test
    void aDeadlockedLoopIsReportedAlthoughItsTaskNeverEnds() throws Exception {
        Object first = new Object();
        Object second = new Object();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread other = new Thread(() -> {
            synchronized (second) {
                bothHold.countDown();
                awaitQuietly(bothHold);
                synchronized (first) {
                    first.hashCode();
                }
            }
        }, "deadlock-partner");
        other.setDaemon(true);
        // The loop is never closed: its thread stays deadlocked, as a production loop would.
        TestLoop loop = new TestLoop(TaskMonitor.builder("deadlocked"));
        Thread submitter = new Thread(() -> loop.run(() -> {
            synchronized (first) {
                bothHold.countDown();
                awaitQuietly(bothHold);
                synchronized (second) {
                    second.hashCode();
                }
            }
        }));
        submitter.setDaemon(true);
        other.start();
        submitter.start();

        StallEvent live = awaitStall("deadlocked", e -> !e.ended());
        assertThat(live.threadName()).isEqualTo("test-loop-deadlocked");
        assertThat(live.threadState()).isEqualTo(Thread.State.BLOCKED);
        assertThat(live.lockOwnerThreadName()).isEqualTo("deadlock-partner");
        assertThat(live.lockName()).startsWith("java.lang.Object@");
        assertThat(of("deadlocked")).noneMatch(StallEvent::ended);
    }

    @Test
    void aBusyLoopOfShortTasksIsNeverReportedAndOffMeansOff() throws Exception {
        try (TestLoop loop = new TestLoop(TaskMonitor.builder("busy"))) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_000);
            while (System.nanoTime() < end) {
                loop.run(() -> spinFor(5));
            }
            Aiocop.setStallThresholdMs(0);
            loop.run(() -> spinFor(600));
        }
        Thread.sleep(300);
        assertThat(of("busy")).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Burns CPU for {@code millis}, as a handler computing too much would. */
    static long spinFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long n = 0;
        while (System.nanoTime() < end) {
            n += Long.numberOfTrailingZeros(n + System.nanoTime());
        }
        return n;
    }
}
