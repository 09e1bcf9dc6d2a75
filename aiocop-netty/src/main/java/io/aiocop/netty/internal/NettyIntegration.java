package io.aiocop.netty.internal;

import io.aiocop.AiocopIntegration;

/**
 * aiocop-netty's rules for the blocking-call agent, found with {@link java.util.ServiceLoader}: public only for
 * that. Internal, no compatibility promise.
 *
 * <p>Netty's own waits and set-up are allowed by aiocop-core itself ({@code io.aiocop.internal.NettyLoopsIntegration}),
 * since the zero-code agent ({@code -javaagent:aiocop-core.jar} without this module) needs them too.
 *
 * <p>The agent allows blocking inside Netty's {@code SingleThreadEventExecutor.confirmShutdown}, whose quiet-period
 * sleep is Netty's own. But the tasks it drains while a monitored group shuts down are application tasks, and the
 * monitored executors time each drain as a task ({@code runAllTasks()}): blocking there is disallowed again, as
 * BlockHound integrations do for work nested in an allowed method.
 */
public final class NettyIntegration implements AiocopIntegration {

    /** The classes whose {@code runAllTasks} drains application tasks inside {@code confirmShutdown}. */
    static final String[] DRAINING_CLASSES = {
        "io.aiocop.netty.MonitoredIoEventLoop",
        "io.aiocop.netty.MonitoredEventExecutor",
    };

    /** The method that drains them. */
    static final String DRAINING_METHOD = "runAllTasks";

    /**
     * Creates the integration; called by {@link java.util.ServiceLoader}.
     */
    public NettyIntegration() {
    }

    /**
     * Disallows blocking inside the drains of monitored executors.
     *
     * @param rules the agent's rules
     */
    @Override
    public void applyTo(Rules rules) {
        for (String type : DRAINING_CLASSES) {
            rules.disallowBlockingCallsInside(type, DRAINING_METHOD);
        }
    }
}
