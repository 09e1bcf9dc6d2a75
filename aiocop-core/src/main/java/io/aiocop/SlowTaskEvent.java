package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param groupName         the name of the group that executor belongs to ({@link TaskMonitor#groupName()})
 * @param cpuStackSamples   where the task's time went, when CPU sampling ({@link Aiocop#startCpuSampling(long)})
 *                          was on and the task ran past its threshold: the loop thread's stacks sampled from half the
 *                          threshold on, identical stacks grouped, most frequent first; empty when sampling was off,
 *                          the task was fast, or it ended before the first sample; immutable
 * @param cpuTimeMs         the loop thread's CPU time during the task, in milliseconds, or {@code -1} when unknown
 *                          (the watchdog never saw the task past half its threshold, or the JVM does not measure
 *                          thread CPU time): near {@code elapsedMs} for a task that computed, near 0 for one that
 *                          waited. Measured from the moment the watchdog saw the task past half its threshold to its
 *                          end; the part before is counted at the on-CPU ratio measured after (see the README)
 * @param gcPauseMs         how much stop-the-world GC pause time (from the JVM's GC notifications) overlapped the
 *                          task, in milliseconds, at millisecond resolution, or {@code -1} when unknown (the JVM sends
 *                          no GC notifications); a task slow only because of a pause still has reason
 *                          {@link Reason#CPU_BLOCKING}, and this says so
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
        String executorName,
        String groupName,
        List<CpuStackSample> cpuStackSamples,
        double cpuTimeMs,
        double gcPauseMs) {

    /** The {@code cpuTimeMs} or {@code gcPauseMs} of a task for which it is not known. */
    public static final double UNKNOWN = -1;

    /**
     * Why a task was reported.
     */
    public enum Reason {
        /** The task made at least one blocking call. */
        IO_BLOCKING,
        /**
         * The task made no blocking call but ran past the threshold. A stop-the-world GC pause that made it slow
         * is not a reason of its own: it is the JVM's, not the task's, and it overlaps CPU-bound and blocking tasks
         * alike; {@link #gcPauseMs()} says how much of the time it took (and the default reporter writes it).
         */
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
     * Validates the components and makes the collections immutable. {@code exceededThreshold} is not checked
     * against the two times: the monitor decides it in nanoseconds.
     *
     * @param elapsedMs         how long the task ran, in milliseconds
     * @param thresholdMs       the threshold in force for the task, in milliseconds
     * @param exceededThreshold whether {@code elapsedMs >= thresholdMs}
     * @param severityScore     the sum of the weights of every blocking event, including dropped ones
     * @param severityLevel     the level of {@code severityScore}
     * @param reason            {@link Reason#IO_BLOCKING} when any blocking event was recorded, else {@link Reason#CPU_BLOCKING}
     * @param blockingEvents    the recorded events in call order, at most the per-task cap; immutable
     * @param context           the merged context of the task; immutable, keeps insertion order, values may be null
     * @param droppedEvents     how many events were not kept because the per-task cap was reached
     * @param executorName      the name of the monitored executor that ran the task
     * @param groupName         the name of the group that executor belongs to
     * @param cpuStackSamples   where the task's time went, most frequent first; empty when not sampled
     * @param cpuTimeMs         the loop thread's CPU time during the task, or {@code -1} when unknown
     * @param gcPauseMs         the stop-the-world GC pause time that overlapped the task, or {@code -1} when unknown
     * @throws NullPointerException     when a reference component is null, or {@code blockingEvents} holds null
     * @throws IllegalArgumentException when {@code elapsedMs} is NaN, infinite or negative, {@code thresholdMs <= 0},
     *                                  {@code severityScore} or {@code droppedEvents} is negative,
     *                                  {@code severityLevel} is not the level of {@code severityScore}, the reason
     *                                  contradicts the events ({@code IO_BLOCKING} exactly when an event was
     *                                  recorded or dropped), {@code executorName} or {@code groupName} is
     *                                  blank, or {@code cpuTimeMs} or {@code gcPauseMs} is neither {@code -1} nor a
     *                                  finite number {@code >= 0}
     * @throws NullPointerException     also when {@code cpuStackSamples} is or holds null
     */
    public SlowTaskEvent {
        Checks.requireFiniteNonNegative(elapsedMs, "elapsedMs");
        Checks.requireArgument(thresholdMs > 0, "thresholdMs must be > 0, was %d", thresholdMs);
        Checks.requireNonNegative(severityScore, "severityScore");
        Checks.requireNonNull(severityLevel, "severityLevel");
        Checks.requireArgument(severityLevel == SeverityLevel.fromScore(severityScore),
                "severityLevel must be %s for severityScore %d, was %s", SeverityLevel.fromScore(severityScore),
                severityScore, severityLevel);
        Checks.requireNonNull(reason, "reason");
        blockingEvents = List.copyOf(requireElements(blockingEvents, "blockingEvents"));
        context = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.requireNonNull(context, "context")));
        Checks.requireNonNegative(droppedEvents, "droppedEvents");
        Reason expected = blockingEvents.isEmpty() && droppedEvents == 0 ? Reason.CPU_BLOCKING : Reason.IO_BLOCKING;
        Checks.requireArgument(reason == expected,
                "reason must be %s for %d blocking events and %d dropped events, was %s", expected,
                blockingEvents.size(), droppedEvents, reason);
        Checks.requireNonBlank(executorName, "executorName");
        Checks.requireNonBlank(groupName, "groupName");
        cpuStackSamples = List.copyOf(requireElements(cpuStackSamples, "cpuStackSamples"));
        Checks.requireFiniteNonNegativeOrUnknown(cpuTimeMs, "cpuTimeMs");
        Checks.requireFiniteNonNegativeOrUnknown(gcPauseMs, "gcPauseMs");
    }

    /**
     * Builds an event without what the watchdog measures: no CPU samples, CPU time and GC pause time unknown.
     *
     * @param elapsedMs         how long the task ran, in milliseconds
     * @param thresholdMs       the threshold in force for the task, in milliseconds
     * @param exceededThreshold whether {@code elapsedMs >= thresholdMs}
     * @param severityScore     the sum of the weights of every blocking event
     * @param severityLevel     the level of {@code severityScore}
     * @param reason            the reason
     * @param blockingEvents    the recorded events
     * @param context           the merged context of the task
     * @param droppedEvents     how many events were not kept
     * @param executorName      the name of the monitored executor that ran the task
     * @param groupName         the name of the group that executor belongs to
     * @throws NullPointerException     as the canonical constructor
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SlowTaskEvent(double elapsedMs, long thresholdMs, boolean exceededThreshold, int severityScore,
            SeverityLevel severityLevel, Reason reason, List<BlockingEventInfo> blockingEvents,
            Map<String, Object> context, int droppedEvents, String executorName, String groupName) {
        this(elapsedMs, thresholdMs, exceededThreshold, severityScore, severityLevel, reason, blockingEvents, context,
                droppedEvents, executorName, groupName, List.of(), UNKNOWN, UNKNOWN);
    }

    /** Returns {@code list} when neither it nor any element is null; the NPE names the argument and the index. */
    static <T> List<T> requireElements(List<T> list, String name) {
        Checks.requireNonNull(list, name);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException(name + " must not contain null, was null at index " + i);
            }
        }
        return list;
    }
}
