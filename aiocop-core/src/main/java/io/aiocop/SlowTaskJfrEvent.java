package io.aiocop;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The Flight Recorder event io.aiocop.SlowTask, written by {@link JfrEvents}.
 */
@Name("io.aiocop.SlowTask")
@Label("Slow or Blocking Task")
@Category({"aiocop", "Event Loop"})
@Description("A task on a monitored executor that blocked or ran past its threshold")
@StackTrace(false)
final class SlowTaskJfrEvent extends Event {
    @Label("Executor")
    String executor;
    @Label("Reason")
    String reason;
    @Label("Task Duration")
    @Timespan(Timespan.NANOSECONDS)
    long elapsed;
    @Label("Threshold (ms)")
    long thresholdMs;
    @Label("Exceeded Threshold")
    boolean exceededThreshold;
    @Label("Severity Score")
    int severityScore;
    @Label("Severity Level")
    String severityLevel;
    @Label("Blocking Calls")
    int blockingCalls;
    @Label("First Blocking Call")
    String firstBlockingCall;
    @Label("CPU Time")
    @Description("The loop thread's CPU time during the task; -1 when unknown")
    @Timespan(Timespan.NANOSECONDS)
    long cpuTime;
    @Label("GC Pause")
    @Description("Stop-the-world GC pause time that overlapped the task; -1 when unknown")
    @Timespan(Timespan.NANOSECONDS)
    long gcPause;
    @Label("Top CPU Sample")
    @Description("The application frame of the most frequent CPU stack sample, or null")
    String topCpuSample;
    @Label("Top CPU Sample Count")
    int topCpuSampleCount;
}
