package io.aiocop.internal.agent;

import java.util.Set;

/**
 * What the agent needs from aiocop's engine, and all it may reach of it: the agent package never calls the
 * {@code io.aiocop.Aiocop} facade or any other engine class. The engine implements this interface and passes it to
 * {@link BlockingCallAgent#install(AgentHooks)}. Internal, no compatibility promise.
 */
public interface AgentHooks {

    /**
     * Connects the engine to the bootstrap bridge, which is injected and initialised when this is called: publishes
     * the hooks the advice calls and the monitored thread classes. Called once, before any class is transformed.
     */
    void connect();

    /**
     * Marks the current thread as doing the agent's own work (a class transformation): nothing it does is recorded
     * until {@link #endAgentWork()}. Called on whatever thread loads a class, so it must be cheap and never throw.
     */
    void beginAgentWork();

    /** Ends what {@link #beginAgentWork()} began on the current thread. */
    void endAgentWork();

    /**
     * Runs the install-time self-test: starts {@code thread} as if it were a monitored thread, waits for it to end
     * and returns the operations whose advice reached the engine while it ran.
     *
     * @param thread an unstarted thread of a class of its own, whose {@code run} makes instrumented calls
     * @return the operation names that reached the engine's hooks from {@code thread}
     * @throws InterruptedException when the wait for {@code thread} is interrupted
     */
    Set<String> probe(Thread thread) throws InterruptedException;
}
