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
     * Called by the JVM for {@code -javaagent:}: keeps the instrumentation and patches the JDK at once.
     *
     * @param arguments       the agent arguments, ignored
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        AgentEntryPoint.instrumentation = instrumentation;
        Aiocop.patchAuditFunctions();
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
