package io.aiocop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a monitored task did, passed to every {@link SlowTaskCallback} after the task ended, on the thread that
 * ran the task.
 *
 * <p>A callback sees every task that recorded at least one blocking event (even a fast one, with
 * {@code exceededThreshold == false}) and every task that ran past the threshold without any
 * ({@link Reason#CPU_BLOCKING}).
 *
 * @param elapsedMs         how long the task ran, in milliseconds
 * @param thresholdMs       the threshold in force for the task, in milliseconds
 * @param exceededThreshold whether {@code elapsedMs >= thresholdMs}
 * @param severityScore     the sum of the weights of every blocking event, including dropped ones
 * @param severityLevel     the level of {@code severityScore}
 * @param reason            {@link Reason#IO_BLOCKING} when any blocking event was recorded, else
 *                          {@link Reason#CPU_BLOCKING}
 * @param blockingEvents    the recorded events in call order, at most the per-task cap; immutable
 * @param context           the merged context of the task; immutable, keeps insertion order, values may be null
 * @param droppedEvents     how many events were not kept because the per-task cap was reached
 * @param executorName      the name of the monitored executor that ran the task
 */
public record SlowTaskEvent(
        double elapsedMs,
        long thresholdMs,
        boolean exceededThreshold,
        int severityScore,
        SeverityLevel severityLevel,
        Reason reason,
        List<BlockingEventInfo> blockingEvents,
        Map<String, Object> context,
        int droppedEvents,
        String executorName) {

    /**
     * Why a task was reported.
     */
    public enum Reason {
        /** The task made at least one blocking call. */
        IO_BLOCKING,
        /** The task made no blocking call but ran past the threshold. */
        CPU_BLOCKING;

        /**
         * Returns aiocop's name of the reason, {@code "io_blocking"} or {@code "cpu_blocking"}.
         *
         * @return the lower-case label used in logs and metric tags
         */
        public String label() {
            return this == IO_BLOCKING ? "io_blocking" : "cpu_blocking";
        }
    }

    /**
     * Validates the components and makes the collections immutable.
     *
     * @throws NullPointerException     when a reference component is null
     * @throws IllegalArgumentException when a count is negative
     */
    public SlowTaskEvent {
        Objects.requireNonNull(severityLevel, "severityLevel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(executorName, "executorName");
        blockingEvents = List.copyOf(Objects.requireNonNull(blockingEvents, "blockingEvents"));
        context = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(context, "context")));
        if (droppedEvents < 0) {
            throw new IllegalArgumentException("droppedEvents must be >= 0, was " + droppedEvents);
        }
    }
}
