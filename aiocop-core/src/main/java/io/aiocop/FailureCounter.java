package io.aiocop;

import io.aiocop.internal.Log;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts and logs the failures that aiocop isolates from the event loop: callbacks and context providers that
 * throw or return null, task contexts, and aiocop's own reporting path (a reporter that fails); one bad culprit
 * can never break an event loop or flood the log: each is logged with its exception at most once a minute.
 */
final class FailureCounter {

    private static final Log LOG = Log.get("io.aiocop");
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LongAdder count = new LongAdder();
    private final LongAdder logged = new LongAdder();
    private final Map<Object, Long> lastLogged = new ConcurrentHashMap<>();

    /**
     * Records that {@code culprit} failed; logs it unless it was logged less than a minute ago.
     *
     * @param kind    what the culprit is, for the log line ("callback", "context provider", "reporter of")
     * @param culprit the callback, provider or monitor that failed
     * @param failure what it threw, or a description of what it returned
     */
    void record(String kind, Object culprit, Throwable failure) {
        count.increment();
        long now = System.nanoTime();
        boolean[] log = new boolean[1];
        lastLogged.compute(culprit, (k, last) -> {
            if (last == null || now - last >= LOG_INTERVAL_NANOS) {
                log[0] = true;
                return now;
            }
            return last;
        });
        if (log[0]) {
            logged.increment();
            LOG.error("aiocop {} {} failed; it is skipped for this task and logged at most once a minute",
                    kind, culprit, failure);
        }
    }

    /** Forgets a culprit that was unregistered, so the map does not keep it alive. */
    void forget(Object culprit) {
        lastLogged.remove(culprit);
    }

    /** Returns how many failures were written to the log; for tests of the rate limit. */
    long loggedCount() {
        return logged.sum();
    }

    /** Returns how many failures were recorded since the JVM started. */
    long count() {
        return count.sum();
    }
}
