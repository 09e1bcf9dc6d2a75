package io.aiocop.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Makes a one-loop group run a task in the drain Netty does after the loop has stopped: a shutdown hook queues the
 * task, and with a quiet period of 0 the loop stops right after its hooks, so only the final drain runs it.
 */
final class DrainedAtShutdown {

    private DrainedAtShutdown() {
    }

    /** Queues {@code task} for the final drain and shuts the group down; returns once it has terminated. */
    static void run(EventLoopGroup group, Callable<?> task) throws Exception {
        SingleThreadEventExecutor loop = (SingleThreadEventExecutor) group.next();
        loop.submit(() -> loop.addShutdownHook(() -> loop.execute(() -> {
            try {
                task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }))).get(10, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
