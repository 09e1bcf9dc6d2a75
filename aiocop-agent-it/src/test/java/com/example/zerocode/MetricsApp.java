package com.example.zerocode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * An application with Micrometer's global registry and a plain Netty loop that runs one slow task; it prints
 * {@code COUNT <n>}, the {@code aiocop.tasks.reported} count it finds in the global registry (aiocop's meters get
 * there only through the agent's {@code metrics=global}), then {@code LOOP <thread> group=<g> tasks=<n> pending=<p>}:
 * the loop's own health meters after 21 more tasks.
 */
public final class MetricsApp {

    private MetricsApp() {
    }

    private static double loopTasks(String thread) throws InterruptedException {
        Thread.sleep(150);
        FunctionCounter tasks = Metrics.globalRegistry.find("aiocop.loop.tasks").tag("loop", thread).functionCounter();
        return tasks == null ? -1 : tasks.count();
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
            // The loop's health meters: 21 tasks more on an otherwise quiet loop, under the loop thread's group.
            String thread = group.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
            double before = loopTasks(thread);
            for (int i = 0; i < 20; i++) {
                group.submit(() -> { }).get(30, TimeUnit.SECONDS);
            }
            group.submit(() -> { }).get(30, TimeUnit.SECONDS);   // one more, so that the 20th has surely ended
            Thread.sleep(150);   // past the binder's 100 ms snapshot cache
            FunctionCounter tasks = Metrics.globalRegistry.find("aiocop.loop.tasks").tag("loop", thread)
                    .functionCounter();
            Gauge pending = Metrics.globalRegistry.find("aiocop.loop.tasks.pending").tag("loop", thread).gauge();
            System.out.println("LOOP " + thread + " group=" + (tasks == null ? null : tasks.getId().getTag("group"))
                    + " tasks=" + (long) (loopTasks(thread) - before) + " pending=" + (pending == null ? null
                    : (long) pending.value()));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
