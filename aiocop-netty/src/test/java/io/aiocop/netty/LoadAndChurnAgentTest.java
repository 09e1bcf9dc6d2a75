package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.ContextProvider;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import io.netty.util.concurrent.EventExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A permanent load-and-churn suite: four monitored loops run a million tasks, a known few of which make a real,
 * instrumented blocking call ({@code Files.exists}, a {@code stat}), while other threads register and unregister
 * callbacks and context providers, or switch monitoring off and on, as fast as they can. One callback registered
 * for the whole run must see every injected call exactly once, and nothing else; with monitoring toggled it may see
 * fewer, never one twice and never one that was not made. Nothing here is timed: every wait is a bound against a
 * deadlock.
 */
@ExtendWith(ResetAiocop.class)
final class LoadAndChurnAgentTest {

    private static final int LOOPS = 4;
    private static final int TASKS = 1_000_000;
    /** Every {@code INJECT_EVERY}-th task makes one blocking call: K = 2000. */
    private static final int INJECT_EVERY = 500;
    private static final int K = TASKS / INJECT_EVERY;
    /** Tasks queued at most at once: bounds the memory the queues hold. */
    private static final int CHUNK = 100_000;
    private static final long BOUND_SECONDS = 120;

    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void installAgent() {
        Aiocop.patchAuditFunctions();
    }

    @Test
    void everyInjectedBlockingCallIsReportedExactlyOnceWhileCallbacksAndProvidersChurn() throws Exception {
        String name = "churn-" + IDS.incrementAndGet();
        long failuresBefore = Aiocop.getCallbackFailureCount();
        MonitoredEventLoopGroup group = new MonitoredEventLoopGroup(LOOPS, MonitoringOptions.builder().name(name).build());
        try (Tally tally = Tally.register(name);
                Background churn = Background.start("churn", 2, this::registerAndUnregisterOnce)) {
            Workload run = Workload.run(group, TASKS, dir, "n");

            churn.stopAndRethrow();
            assertThat(churn.iterations()).as("churn iterations").isPositive();
            assertThat(run.ran()).isEqualTo(TASKS);
            assertThat(run.failed()).isZero();
            assertThat(tally.total()).as("blocking events seen by the permanent callback").isEqualTo(K);
            assertThat(tally.counts().keySet()).isEqualTo(run.injectedEvents());
            assertThat(tally.counts().values()).allMatch(count -> count.get() == 1);
            assertThat(tally.merged()).as("reports with events of several tasks").isEmpty();
            assertThat(Aiocop.getCallbackFailureCount()).isEqualTo(failuresBefore);
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void togglingMonitoringUnderLoadNeverReportsAnEventTwiceOrOneNotMadeAndRecovers() throws Exception {
        String name = "toggle-" + IDS.incrementAndGet();
        long failuresBefore = Aiocop.getCallbackFailureCount();
        MonitoredEventLoopGroup group = new MonitoredEventLoopGroup(LOOPS, MonitoringOptions.builder().name(name).build());
        try (Tally tally = Tally.register(name)) {
            Workload run;
            try (Background churn = Background.start("churn", 2, this::registerAndUnregisterOnce);
                    Background toggler = Background.start("toggle", 1, () -> {
                        Aiocop.deactivate();
                        Thread.yield();
                        Aiocop.activate();
                        Thread.yield();
                    })) {
                run = Workload.run(group, TASKS, dir, "n");
                toggler.stopAndRethrow();
                churn.stopAndRethrow();
                assertThat(toggler.iterations()).as("toggles").isPositive();
            }
            Aiocop.activate();
            assertThat(run.ran()).isEqualTo(TASKS);
            assertThat(run.failed()).isZero();
            assertThat(tally.total()).as("blocking events seen by the permanent callback").isLessThanOrEqualTo(K);
            assertThat(run.injectedEvents()).containsAll(tally.counts().keySet());
            assertThat(tally.counts().values()).allMatch(count -> count.get() == 1);
            assertThat(tally.merged()).as("reports with events of several tasks").isEmpty();

            // Once monitoring stays on, the same loops report every injected call again.
            tally.reset();
            Workload after = Workload.run(group, TASKS / 100, dir, "after-");
            assertThat(tally.total()).isEqualTo(K / 100);
            assertThat(tally.counts().keySet()).isEqualTo(after.injectedEvents());
            assertThat(Aiocop.getCallbackFailureCount()).isEqualTo(failuresBefore);
        } finally {
            Aiocop.activate();
            Loops.shutdown(group);
        }
    }

    /**
     * One round of churn: a fresh callback and a fresh provider are registered and unregistered. The callback
     * makes a blocking call itself, which must never be recorded (it runs inside the report).
     */
    private void registerAndUnregisterOnce() {
        Path fromCallback = dir.resolve("from-callback");
        SlowTaskCallback callback = event -> Files.exists(fromCallback);
        ContextProvider provider = () -> Map.of("churn", Thread.currentThread().getName());
        Aiocop.registerSlowTaskCallback(callback);
        Aiocop.registerContextProvider(provider);
        Thread.yield();
        Aiocop.unregisterSlowTaskCallback(callback);
        Aiocop.unregisterContextProvider(provider);
    }

    /** The permanent callback: counts each blocking event of one group's loops by its text. */
    private static final class Tally implements SlowTaskCallback, AutoCloseable {
        private final String prefix;
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final LongAdder total = new LongAdder();
        /** Reports that held more than one event: each injected task makes one call, so none may. */
        private final Set<String> merged = ConcurrentHashMap.newKeySet();

        private Tally(String groupName) {
            this.prefix = groupName + "-";
        }

        static Tally register(String groupName) {
            Tally tally = new Tally(groupName);
            Aiocop.registerSlowTaskCallback(tally);
            return tally;
        }

        @Override
        public void onSlowTask(SlowTaskEvent event) {
            if (!event.executorName().startsWith(prefix)) {
                return;
            }
            if (event.blockingEvents().size() > 1) {
                merged.add(event.blockingEvents().toString());
            }
            for (BlockingEventInfo info : event.blockingEvents()) {
                total.increment();
                counts.computeIfAbsent(info.event(), e -> new AtomicInteger()).incrementAndGet();
            }
        }

        long total() {
            return total.sum();
        }

        Map<String, AtomicInteger> counts() {
            return counts;
        }

        Set<String> merged() {
            return merged;
        }

        void reset() {
            merged.clear();
            counts.clear();
            total.reset();
        }

        @Override
        public void close() {
            Aiocop.unregisterSlowTaskCallback(this);
        }
    }

    /**
     * {@code tasks} tasks spread round-robin over the group's loops; every {@link #INJECT_EVERY}-th one stats a
     * file of its own (which does not exist) in {@code dir}. Returns once every task ran and was reported.
     */
    private record Workload(long ran, long failed, Set<String> injectedEvents) {

        static Workload run(MonitoredEventLoopGroup group, int tasks, Path dir, String filePrefix) throws Exception {
            List<EventExecutor> loops = new ArrayList<>();
            group.forEach(loops::add);
            LongAdder ran = new LongAdder();
            LongAdder failed = new LongAdder();
            Set<String> injected = new HashSet<>();
            for (int start = 0; start < tasks; start += CHUNK) {
                int end = Math.min(tasks, start + CHUNK);
                for (int i = start; i < end; i++) {
                    Path file = i % INJECT_EVERY == 0 ? dir.resolve(filePrefix + i) : null;
                    if (file != null) {
                        injected.add("stat(" + file + ")");
                    }
                    loops.get(i % loops.size()).execute(() -> {
                        try {
                            if (file != null) {
                                Files.exists(file);
                            }
                            ran.increment();
                        } catch (Throwable t) {
                            failed.increment();
                        }
                    });
                }
                // Each loop runs its tasks in order: once these return, the chunk has run.
                drain(loops);
            }
            // A task is reported when the next one starts: a second round flushes the last ones.
            drain(loops);
            return new Workload(ran.sum(), failed.sum(), injected);
        }

        private static void drain(List<EventExecutor> loops) throws Exception {
            List<io.netty.util.concurrent.Future<?>> marks = new ArrayList<>();
            for (EventExecutor loop : loops) {
                marks.add(loop.submit(() -> { }));
            }
            for (io.netty.util.concurrent.Future<?> mark : marks) {
                if (!mark.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("a loop did not drain its tasks within " + BOUND_SECONDS
                            + " s: deadlocked or stuck");
                }
                mark.sync();
            }
        }
    }

    /** Threads that repeat an action until stopped, keeping the first failure. */
    private static final class Background implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicLong iterations = new AtomicLong();
        private volatile boolean stop;

        static Background start(String name, int count, Runnable action) throws InterruptedException {
            Background background = new Background();
            CountDownLatch started = new CountDownLatch(count);
            for (int t = 0; t < count; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        boolean first = true;
                        while (!background.stop) {
                            action.run();
                            background.iterations.incrementAndGet();
                            if (first) {
                                started.countDown();
                                first = false;
                            }
                        }
                    } catch (Throwable t2) {
                        background.failure.compareAndSet(null, t2);
                        started.countDown();
                    }
                }, name + "-" + t);
                thread.setDaemon(true);
                background.threads.add(thread);
                thread.start();
            }
            // Start the load only once every thread is really churning.
            if (!started.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
                background.close();
                throw new AssertionError(name + " threads did not start");
            }
            return background;
        }

        long iterations() {
            return iterations.get();
        }

        void stopAndRethrow() {
            close();
            for (Thread thread : threads) {
                assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError(threads.get(0).getName() + " failed", t);
            }
        }

        @Override
        public void close() {
            stop = true;
            try {
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
