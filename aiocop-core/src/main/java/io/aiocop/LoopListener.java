package io.aiocop;

/**
 * Told when a monitored executor appears or goes away, e.g. by a metrics binder that publishes meters per loop
 * ({@link Aiocop#addLoopListener(LoopListener)}).
 *
 * <p>Called on the thread that registers or unregisters the executor (for a Netty group: the thread that creates
 * the group, and the loop thread as it terminates), one call at a time across all listeners; keep it short. A
 * listener that throws is counted in {@link Aiocop#getCallbackFailureCount()} and logged; the others still run.
 */
public interface LoopListener {

    /**
     * A monitored executor appeared; also called for every executor already there when the listener is added.
     *
     * @param loop the executor
     */
    void loopAdded(MonitoredLoop loop);

    /**
     * A monitored executor went away (its group shut down): no task of it will be recorded any more.
     *
     * @param loop the executor, as passed to {@link #loopAdded(MonitoredLoop)}
     */
    void loopRemoved(MonitoredLoop loop);
}
