package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task that has been running on a monitored executor for longer than the stall threshold, reported while it is
 * still running: what the loop thread is doing right now. Passed to every {@link StallCallback}.
 *
 * <p>A stalled task is reported when it passes {@link Aiocop#setStallThresholdMs(long)}, again with backoff
 * (1 s, 2 s, 4 s, ... at most 60 s apart) while it stays stuck, and once more, with {@code ended == true}, when it
 * finally ends. A deadlocked loop is reported although its task never ends.
 *
 * @param executorName        the monitored executor whose task is stalled
 * @param threadName          the thread that runs it
 * @param stalledMs           how long the task has been running, in milliseconds; for the final report, about how
 *                            long it ran (the watchdog sees the end within one check interval)
 * @param threadState         the loop thread's state: {@code BLOCKED} on a monitor, {@code WAITING} or
 *                            {@code TIMED_WAITING}, {@code RUNNABLE} (busy, or in native I/O)
 * @param stack               the loop thread's live stack, innermost frame first, at most the trace depth in force;
 *                            empty in the final report
 * @param lockName            the lock the thread waits for ({@code java.lang.Object@1b6d3586}), or null
 * @param lockOwnerThreadName the thread that holds that lock, or null
 * @param ended               false while the task is stuck; true in the one final report after it ended
 * @param context             the context the task captured at its first blocking event (the providers' values),
 *                            empty when it has recorded none: the watchdog does not call providers, which read the
 *                            loop thread's own state; immutable
 */
public record StallEvent(String executorName, String threadName, double stalledMs, Thread.State threadState,
        List<StackTraceElement> stack, String lockName, String lockOwnerThreadName, boolean ended,
        Map<String, Object> context) {

    /**
     * Validates the components and makes the collections immutable.
     *
     * @param executorName        the monitored executor whose task is stalled
     * @param threadName          the thread that runs it
     * @param stalledMs           how long the task has been running, in milliseconds
     * @param threadState         the loop thread's state
     * @param stack               the loop thread's live stack, innermost frame first
     * @param lockName            the lock the thread waits for, or null
     * @param lockOwnerThreadName the thread that holds that lock, or null
     * @param ended               whether this is the final report, after the task ended
     * @param context             the context the task captured at its first blocking event
     * @throws NullPointerException     when {@code executorName}, {@code threadName}, {@code threadState},
     *                                  {@code stack} or {@code context} is null
     * @throws IllegalArgumentException when {@code stalledMs} is negative, infinite or not a number
     */
    public StallEvent {
        Checks.requireNonNull(executorName, "executorName");
        Checks.requireNonNull(threadName, "threadName");
        Checks.requireNonNull(threadState, "threadState");
        stack = List.copyOf(Checks.requireNonNull(stack, "stack"));
        context = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNonNull(context, "context")));
        Checks.requireFiniteNonNegative(stalledMs, "stalledMs");
    }
}
