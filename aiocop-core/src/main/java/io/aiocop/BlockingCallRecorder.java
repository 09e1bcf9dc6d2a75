package io.aiocop;

/**
 * The single entry point through which a blocking call becomes an event: {@link Aiocop#audit(String, String)}
 * and the instrumented JDK methods both end here, so they are named and weighed alike.
 */
final class BlockingCallRecorder {

    private BlockingCallRecorder() {
    }

    /**
     * Records an {@link Aiocop#audit(String, String)} event into the task running on the current thread, if any.
     * Its duration is unknown.
     *
     * @param name   a registered operation name
     * @param detail the operation's argument; may be null
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
            monitor.record(name, detail, weight, BlockingEventInfo.UNKNOWN_DURATION, BlockingEventInfo.Source.AUDIT,
                    true);
        }
    }

    /**
     * Begins an instrumented call in {@code monitor}'s running task: the agent's path, which has already checked
     * that the monitor accepts the call and opened its call scope. The call is recorded when the scope closes.
     *
     * @throws IllegalArgumentException        when {@code name} is not registered
     * @throws HighSeverityBlockingIoException when raising is on and the call would make the task's score high
     */
    static void begin(TaskMonitor monitor, String name, String detail) {
        monitor.beginBlockingCall(name, detail, weightOf(name));
    }

    private static int weightOf(String name) {
        int weight = MonitoringState.EVENTS.weightOf(BlockingEventRegistry.checkName(name));
        if (weight == BlockingEventRegistry.UNKNOWN) {
            throw new IllegalArgumentException("name must be a registered blocking event, was '" + name
                    + "': register it first with Aiocop.registerBlockingEvent(name, weight)");
        }
        return weight;
    }
}
