package io.aiocop;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The Flight Recorder event {@code io.aiocop.Stall}: a monitored task still running past the stall threshold, or
 * its end. Committed on aiocop's stall-report thread, so JFR's own stack trace is off; the loop thread's stack is
 * in {@code topFrame} and the {@link StallEvent}.
 */
@Name("io.aiocop.Stall")
@Label("Stalled Event Loop")
@Category({"aiocop", "Event Loop"})
@Description("A task on a monitored executor running past the stall threshold, reported while it runs")
@StackTrace(false)
final class StallJfrEvent extends Event {
    @Label("Executor")
    String executor;
    @Label("Thread")
    String thread;
    @Label("Stalled For")
    @Timespan(Timespan.MILLISECONDS)
    long stalled;
    @Label("Thread State")
    String threadState;
    @Label("Top Frame")
    String topFrame;
    @Label("Lock")
    String lock;
    @Label("Lock Owner")
    String lockOwner;
    @Label("Ended")
    boolean ended;
}
