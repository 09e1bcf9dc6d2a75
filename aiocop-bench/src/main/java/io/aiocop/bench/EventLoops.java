package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.bench.Variant.Feature;
import io.aiocop.micrometer.AiocopMetrics;
import io.aiocop.netty.MonitoredEventLoopGroup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event loops a {@link Variant} runs on: plain Netty 4.2 NIO loops, or aiocop's monitored ones with
 * monitoring switched on or off, and with the Micrometer binder where the variant asks for it.
 */
public final class EventLoops {

    /** aiocop's default stall threshold, which every variant but {@link Variant#MONITORED_STALL_OFF} keeps. */
    private static final long DEFAULT_STALL_THRESHOLD_MS = 1000;

    private static AiocopMetrics metrics;

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
        if (!variant.has(Feature.MONITORED_LOOPS)) {
            if (variant.has(Feature.MONITORING_ACTIVE)) {
                // Zero-code mode: the agent times these plain loops itself.
                Aiocop.activate();
                Aiocop.startBlockingIoDetection();
            }
            return new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        }
        if (variant.has(Feature.MONITORING_ACTIVE)) {
            Aiocop.activate();
            Aiocop.startBlockingIoDetection();
        } else {
            Aiocop.deactivate();
        }
        Aiocop.setStallThresholdMs(variant.has(Feature.STALL_REPORTS_OFF) ? 0 : DEFAULT_STALL_THRESHOLD_MS);
        if (variant.has(Feature.METRICS)) {
            bindMetrics();
        }
        return new MonitoredEventLoopGroup(threads);
    }

    private static synchronized void bindMetrics() {
        if (metrics == null) {
            metrics = new AiocopMetrics();
            metrics.bindTo(new SimpleMeterRegistry());
        }
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
