package com.example.zerocode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * An application with Micrometer's global registry and a plain Netty loop that runs one slow task; it prints
 * {@code COUNT <n>}, the {@code aiocop.tasks.reported} count it finds in the global registry (aiocop's meters get
 * there only through the agent's {@code metrics=global}).
 */
public final class MetricsApp {

    private MetricsApp() {
    }

    /**
     * Runs the task and prints the count.
     *
     * @param args none
     * @throws Exception when the task fails
     */
    public static void main(String[] args) throws Exception {
        Metrics.addRegistry(new SimpleMeterRegistry());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            group.submit(() -> {
                TimeUnit.MILLISECONDS.sleep(60);
                return null;
            }).get(30, TimeUnit.SECONDS);
            double count = 0;
            for (int i = 0; i < 100 && count == 0; i++) {
                group.submit(() -> { }).get(30, TimeUnit.SECONDS);
                Counter reported = Metrics.globalRegistry.find("aiocop.tasks.reported").counter();
                count = reported == null ? 0 : reported.count();
                Thread.sleep(50);
            }
            System.out.println("COUNT " + (long) count);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
