package io.aiocop;

/**
 * Java Flight Recorder events for reported tasks and their blocking calls: {@code io.aiocop.SlowTask} and
 * {@code io.aiocop.BlockingCall}, both off unless a recording enables them.
 *
 * <p>They are committed after the task, when the task is reported, so JFR's own stack trace would show the
 * reporter, not the call: it is turned off, and the call's application frame is in {@code entryPoint}.
 */
final class JfrEvents {

    /** Instances used only to ask JFR whether the event types are enabled; never committed. */
    private static final SlowTaskJfrEvent SLOW_TASK_PROBE = new SlowTaskJfrEvent();
    private static final BlockingCallJfrEvent BLOCKING_CALL_PROBE = new BlockingCallJfrEvent();

    private JfrEvents() {
    }

    /**
     * Loads and registers aiocop's event classes now, on the calling (set-up) thread. Registering a JFR event class
     * takes JFR's global metadata lock and retransforms the class, through every agent's transformer: done at the
     * first report, on a loop thread, it held that lock for tens of ms while another loop's task waited for it
     * (seen on Vert.x's acceptor and event loop at start-up). Never throws: a runtime without {@code jdk.jfr}
     * fails here as it would at the first report.
     */
    static void warmUp() {
        try {
            enabled();
        } catch (LinkageError | RuntimeException e) {
            // No usable JFR: reports will skip it the same way.
        }
    }

    /** Returns whether a running recording wants either event; a cheap check on the report path. */
    static boolean enabled() {
        return SLOW_TASK_PROBE.isEnabled() || BLOCKING_CALL_PROBE.isEnabled();
    }

    static void commit(SlowTaskEvent report, long elapsedNanos) {
        SlowTaskJfrEvent task = new SlowTaskJfrEvent();
        if (task.isEnabled()) {
            task.executor = report.executorName();
            task.reason = report.reason().label();
            task.elapsed = elapsedNanos;
            task.thresholdMs = report.thresholdMs();
            task.exceededThreshold = report.exceededThreshold();
            task.severityScore = report.severityScore();
            task.severityLevel = report.severityLevel().label();
            task.blockingCalls = report.blockingEvents().size() + report.droppedEvents();
            task.firstBlockingCall = report.blockingEvents().isEmpty() ? null : report.blockingEvents().get(0).event();
            task.cpuTime = report.cpuTimeMs() < 0 ? -1 : (long) (report.cpuTimeMs() * 1_000_000);
            task.gcPause = report.gcPauseMs() < 0 ? -1 : (long) (report.gcPauseMs() * 1_000_000);
            if (!report.cpuStackSamples().isEmpty()) {
                CpuStackSample top = report.cpuStackSamples().get(0);
                task.topCpuSample = top.entryPoint().toString();
                task.topCpuSampleCount = top.count();
            }
            task.commit();
        }
        for (BlockingEventInfo info : report.blockingEvents()) {
            BlockingCallJfrEvent call = new BlockingCallJfrEvent();
            if (!call.isEnabled()) {
                return;
            }
            call.executor = report.executorName();
            call.operation = info.operation();
            call.detail = info.detail();
            call.weight = info.weight();
            call.callDuration = info.durationNanos();
            call.permitted = info.permitted();
            call.source = info.source().name();
            call.entryPoint = info.entryPoint();
            call.commit();
        }
    }

    /** Commits a stall report when a recording enables {@code io.aiocop.Stall}. */
    static void commit(StallEvent report) {
        StallJfrEvent stall = new StallJfrEvent();
        if (!stall.isEnabled()) {
            return;
        }
        stall.executor = report.executorName();
        stall.thread = report.threadName();
        stall.stalled = (long) report.stalledMs();
        stall.threadState = report.threadState().name();
        stall.topFrame = report.stack().isEmpty() ? null : report.stack().get(0).toString();
        stall.lock = report.lockName();
        stall.lockOwner = report.lockOwnerThreadName();
        stall.ended = report.ended();
        stall.commit();
    }
}
