package io.aiocop.internal;

import io.aiocop.Aiocop;
import java.lang.instrument.Instrumentation;

/**
 * The {@code Premain-Class} and {@code Agent-Class} of the aiocop-core jar. Internal, no compatibility promise:
 * users start the agent with {@code -javaagent:aiocop-core.jar} or call {@link Aiocop#patchAuditFunctions()}.
 */
public final class AgentEntryPoint {

    private static volatile Instrumentation instrumentation;

    private AgentEntryPoint() {
    }

    /**
     * Called by the JVM for {@code -javaagent:}: keeps the instrumentation, applies the agent arguments and
     * {@code aiocop.*} system properties (detection is on by default), and installs the agent, which also times
     * every Netty event loop of the application (zero-code mode). Never throws: the application starts even when
     * aiocop cannot, and the log says why.
     *
     * @param arguments       the agent arguments, {@code name=value} pairs separated by commas (see the README's
     *                        "No code at all"); may be null
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentEntryPoint.instrumentation = instrumentation;
        try {
            AgentOptions.apply(arguments);
            Aiocop.patchAuditFunctions();
        } catch (RuntimeException | LinkageError e) {
            Log.get("io.aiocop.agent").error("aiocop could not start its agent; the application runs unmonitored", e);
        }
    }

    /**
     * Called by the JVM when the jar is attached to a running JVM: same as {@link #premain}.
     *
     * @param arguments       the agent arguments, ignored
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        premain(arguments, instrumentation);
    }

    /**
     * Returns the instrumentation the JVM gave this jar as an agent.
     *
     * @return the instrumentation, or null when the jar was not started as an agent
     */
    public static Instrumentation instrumentation() {
        return instrumentation;
    }
}
