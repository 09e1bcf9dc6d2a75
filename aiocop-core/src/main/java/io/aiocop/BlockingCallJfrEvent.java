package io.aiocop;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The Flight Recorder event io.aiocop.BlockingCall, written by {@link JfrEvents}.
 */
@Name("io.aiocop.BlockingCall")
@Label("Blocking Call on an Event Loop")
@Category({"aiocop", "Event Loop"})
@Description("A blocking call made inside a task on a monitored executor")
@StackTrace(false)
final class BlockingCallJfrEvent extends Event {
    @Label("Executor")
    String executor;
    @Label("Operation")
    @Description("The operation's name in aiocop's event registry: open, connect, getaddrinfo, sleep, ...")
    String operation;
    @Label("Detail")
    @Description("What the operation touched: a path, an address, a duration; empty when nothing")
    String detail;
    @Label("Weight")
    int weight;
    @Label("Call Duration")
    @Description("How long the call blocked the loop; -1 when unknown (a refused call, an audit event)")
    @Timespan(Timespan.NANOSECONDS)
    long callDuration;
    @Label("Permitted")
    @Description("Whether blocking was permitted where the call ran")
    boolean permitted;
    @Label("Source")
    @Description("How aiocop learned of the call: INSTRUMENTED, SAMPLED or AUDIT")
    String source;
    @Label("Entry Point")
    String entryPoint;
}
