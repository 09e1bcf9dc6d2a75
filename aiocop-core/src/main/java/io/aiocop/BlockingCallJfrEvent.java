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
    @Label("Call")
    String event;
    @Label("Weight")
    int severity;
    @Label("Entry Point")
    String entryPoint;
}
