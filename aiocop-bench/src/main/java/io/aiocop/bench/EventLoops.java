package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event loops a {@link Variant} runs on: plain Netty 4.2 NIO loops, or aiocop's monitored ones with
 * monitoring switched on or off.
 */
public final class EventLoops {

    private EventLoops() {
    }

    /**
     * Creates an NIO event loop group for {@code variant} and sets aiocop's global switches to match it.
     *
     * @param variant what the loops run with
     * @param threads the number of loop threads
     * @return a started group; shut it down with {@link #shutdown(EventLoopGroup)}
     */
    public static EventLoopGroup newGroup(Variant variant, int threads) {
        if (!variant.monitoredLoops()) {
            return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        }
        if (variant.monitoringActive()) {
            Aiocop.activate();
            Aiocop.startBlockingIoDetection();
        } else {
            Aiocop.deactivate();
        }
        return newMonitoredGroup(threads);
    }

    private static EventLoopGroup newMonitoredGroup(int threads) {
        // PHASE 2 (issue 4, branch netty): return new io.aiocop.netty.MonitoredEventLoopGroup(threads);
        throw new UnsupportedOperationException("MonitoredEventLoopGroup is not built yet (" + threads + " threads)");
    }

    /**
     * Shuts a group down and waits for its threads to end; does nothing for null.
     *
     * @param group the group, or null when setup failed before creating it
     */
    public static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
