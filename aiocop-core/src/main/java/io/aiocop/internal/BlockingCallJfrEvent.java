package io.aiocop.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Internal: the Flight Recorder event io.aiocop.BlockingCall; public only because JFR must instantiate and instrument it.
 */
@Name("io.aiocop.BlockingCall")
@Label("Blocking Call on an Event Loop")
@Category({"aiocop", "Event Loop"})
@Description("A blocking call made inside a task on a monitored executor")
@StackTrace(false)
public final class BlockingCallJfrEvent extends Event {
    @Label("Executor")
    public String executor;
    @Label("Operation")
    @Description("The operation's name in aiocop's event registry: open, connect, getaddrinfo, sleep, ...")
    public String operation;
    @Label("Detail")
    @Description("What the operation touched: a path, an address, a duration; empty when nothing")
    public String detail;
    @Label("Weight")
    public int weight;
    @Label("Call Duration")
    @Description("How long the call blocked the loop; -1 when unknown (a refused call, an audit event)")
    @Timespan(Timespan.NANOSECONDS)
    public long callDuration;
    @Label("Permitted")
    @Description("Whether blocking was permitted where the call ran")
    public boolean permitted;
    @Label("Entry Point")
    public String entryPoint;
}
