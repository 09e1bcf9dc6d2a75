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
    @Label("Call")
    public String event;
    @Label("Weight")
    public int severity;
    @Label("Entry Point")
    public String entryPoint;
}
