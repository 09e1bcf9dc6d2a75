package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.netty.MonitoredEventLoopGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures the CPU time of aiocop's watchdog thread on an idle server: two monitored loops, no traffic, 20 s, the
 * thread's own CPU time from {@link ThreadMXBean}. {@code detect} also starts blocking detection (sampling on).
 *
 * <p>Run: {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.WatchdogCpu [detect]}
 */
public final class WatchdogCpu {

    private WatchdogCpu() {
    }

    /**
     * Runs the measurement and prints one line.
     *
     * @param args {@code detect} to start blocking detection too
     * @throws Exception when interrupted
     */
    public static void main(String[] args) throws Exception {
        Aiocop.disableDefaultReporter();
        if (args.length > 0 && args[0].equals("detect")) {
            Aiocop.startBlockingIoDetection();
        }
        MonitoredEventLoopGroup group = new MonitoredEventLoopGroup(2);
        group.submit(() -> { }).sync();
        group.next().submit(() -> { }).sync();
        Thread.sleep(2000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long wd = watchdogId(mx);
        long c0 = mx.getThreadCpuTime(wd);
        long t0 = System.nanoTime();
        Thread.sleep(20_000);
        long c1 = mx.getThreadCpuTime(wd);
        long t1 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "mode=%s watchdog cpu %.3f ms over %.1f s = %.4f%% of one core%n",
                args.length > 0 ? args[0] : "stall-only", (c1 - c0) / 1e6, (t1 - t0) / 1e9, 100.0 * (c1 - c0) / (t1 - t0));
        group.shutdownGracefully().syncUninterruptibly();
    }

    private static long watchdogId(ThreadMXBean mx) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("aiocop-watchdog")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no watchdog");
    }
}
