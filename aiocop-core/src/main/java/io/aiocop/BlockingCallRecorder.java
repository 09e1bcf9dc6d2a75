package io.aiocop;

/**
 * The single entry point through which a blocking call becomes an event: {@link Aiocop#audit(String, String)}
 * and the instrumented JDK methods both end here, so they behave alike.
 */
final class BlockingCallRecorder {

    private BlockingCallRecorder() {
    }

    /**
     * Records {@code name(detail)} into the task running on the current thread, if any.
     *
     * @param name   a registered operation name
     * @param detail the operation's argument, cut to {@value MonitoringState#MAX_DETAIL_LENGTH} characters; may
     *               be null
     * @throws IllegalArgumentException        when {@code name} is not registered
     * @throws HighSeverityBlockingIoException when raising is on and the call makes the task's score high
     */
    static void record(String name, String detail) {
        int weight = weightOf(name);
        if (!MonitoringState.detecting) {
            return;
        }
        TaskMonitor monitor = TaskMonitor.current();
        if (monitor != null && monitor.isInTask()) {
            monitor.record(format(name, detail), weight);
        }
    }

    /**
     * Records {@code name(detail)} into {@code monitor}'s running task: the agent's path, which has already checked
     * that the monitor accepts the call.
     *
     * @throws IllegalArgumentException        when {@code name} is not registered
     * @throws HighSeverityBlockingIoException when raising is on and the call makes the task's score high
     */
    static void record(TaskMonitor monitor, String name, String detail) {
        monitor.record(format(name, detail), weightOf(name));
    }

    private static int weightOf(String name) {
        int weight = MonitoringState.EVENTS.weightOf(BlockingEventRegistry.checkName(name));
        if (weight == BlockingEventRegistry.UNKNOWN) {
            throw new IllegalArgumentException("name must be a registered blocking event, was '" + name
                    + "': register it first with Aiocop.registerBlockingEvent(name, weight)");
        }
        return weight;
    }

    static String format(String name, String detail) {
        if (detail == null || detail.isEmpty()) {
            return name + "()";
        }
        String cut = detail.length() > MonitoringState.MAX_DETAIL_LENGTH
                ? detail.substring(0, MonitoringState.MAX_DETAIL_LENGTH) + "..."
                : detail;
        return name + "(" + cut + ")";
    }
}
