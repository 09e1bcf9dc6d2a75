package io.aiocop.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Internal: the Flight Recorder event io.aiocop.SlowTask; public only because JFR must instantiate and instrument it.
 */
@Name("io.aiocop.SlowTask")
@Label("Slow or Blocking Task")
@Category({"aiocop", "Event Loop"})
@Description("A task on a monitored executor that blocked or ran past its threshold")
@StackTrace(false)
public final class SlowTaskJfrEvent extends Event {
    @Label("Executor")
    public String executor;
    @Label("Reason")
    public String reason;
    @Label("Task Duration")
    @Timespan(Timespan.NANOSECONDS)
    public long elapsed;
    @Label("Threshold (ms)")
    public long thresholdMs;
    @Label("Exceeded Threshold")
    public boolean exceededThreshold;
    @Label("Severity Score")
    public int severityScore;
    @Label("Severity Level")
    public String severityLevel;
    @Label("Blocking Calls")
    public int blockingCalls;
    @Label("First Blocking Call")
    public String firstBlockingCall;
}
