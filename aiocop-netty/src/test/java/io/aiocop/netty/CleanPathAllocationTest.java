package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task that makes no blocking call and is fast costs the loop thread no allocation: measured with the JVM's
 * per-thread allocation counter on the loop thread itself, against plain Netty running the same tasks.
 */
@ExtendWith(ResetAiocop.class)
final class CleanPathAllocationTest {

    private static final int TASKS = 200_000;
    private static final Runnable NOOP = () -> { };

    @Test
    void fastTasksAllocateNothingMoreThanOnPlainNetty() throws Exception {
        EventLoopGroup plain = null;
        EventLoopGroup monitored = null;
        try {
            plain = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            monitored = new MonitoredEventLoopGroup(1);
            double plainBytes = Double.MAX_VALUE;
            double monitoredBytes = Double.MAX_VALUE;
            // The least of a few rounds: the first ones include class loading and JIT compilation.
            for (int round = 0; round < 5; round++) {
                plainBytes = Math.min(plainBytes, bytesPerTask(plain.next()));
                monitoredBytes = Math.min(monitoredBytes, bytesPerTask(monitored.next()));
            }

            assertThat(monitoredBytes).as("bytes per task: plain %.3f, monitored %.3f", plainBytes, monitoredBytes)
                    .isLessThan(plainBytes + 0.5);
        } finally {
            Loops.shutdown(plain);
            Loops.shutdown(monitored);
        }
    }

    /** Runs {@link #TASKS} no-op tasks on the loop and returns the loop thread's allocation per task. */
    private static double bytesPerTask(EventLoop loop) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[2];
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> allocated[0] = threads.getCurrentThreadAllocatedBytes());
        for (int i = 0; i < TASKS; i++) {
            loop.execute(NOOP);
        }
        loop.execute(() -> {
            allocated[1] = threads.getCurrentThreadAllocatedBytes();
            done.countDown();
        });
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        return (allocated[1] - allocated[0]) / (double) TASKS;
    }
}
