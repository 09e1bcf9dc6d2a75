package io.aiocop.netty;

import static org.assertj.core.api.Assertions.fail;

import io.aiocop.Aiocop;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Collects the reports of the executors whose name starts with a given prefix, so tests that share the JVM-wide
 * callbacks never see each other's events. Register it with {@link #register()}, always {@link #close()} it.
 */
final class RecordingCallback implements SlowTaskCallback, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final String executorPrefix;
    private final LinkedBlockingQueue<SlowTaskEvent> events = new LinkedBlockingQueue<>();

    private RecordingCallback(String executorPrefix) {
        this.executorPrefix = executorPrefix;
    }

    static RecordingCallback register(String groupName) {
        RecordingCallback callback = new RecordingCallback(groupName + "-");
        Aiocop.registerSlowTaskCallback(callback);
        return callback;
    }

    @Override
    public void onSlowTask(SlowTaskEvent event) {
        if (event.executorName().startsWith(executorPrefix)) {
            events.add(event);
        }
    }

    /** Returns the next report that matches, skipping (and keeping aside) others; fails after {@link #WAIT}. */
    SlowTaskEvent next(String description, Predicate<SlowTaskEvent> matching) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlowTaskEvent> skipped = new ArrayList<>();
        for (;;) {
            long left = deadline - System.nanoTime();
            SlowTaskEvent event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                return fail("no report matching '" + description + "' within " + WAIT + "; other reports: "
                        + skipped);
            }
            if (matching.test(event)) {
                return event;
            }
            skipped.add(event);
        }
    }

    /** Returns the very next report, whatever it is; fails after {@link #WAIT}. */
    SlowTaskEvent next() throws InterruptedException {
        SlowTaskEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return event != null ? event : fail("no report within " + WAIT);
    }

    /** Returns and forgets every report received so far. */
    List<SlowTaskEvent> drain() {
        List<SlowTaskEvent> all = new ArrayList<>();
        events.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        Aiocop.unregisterSlowTaskCallback(this);
    }

    @Override
    public String toString() {
        return "RecordingCallback[" + executorPrefix + "*]";
    }
}
