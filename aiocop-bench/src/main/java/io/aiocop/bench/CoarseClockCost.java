package io.aiocop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a coarse clock would cost the JVM it runs in: a thread that advances a timestamp every millisecond (the
 * design issue 12 asks about, to replace the per-task {@code System.nanoTime()}), measured as that thread's CPU
 * time in percent of one core, the ticks it actually made, and how stale a reader finds the timestamp (its value
 * against {@code nanoTime} at random reads by another thread). Not a JMH benchmark: what is measured is a
 * thread's CPU over seconds on an otherwise idle JVM, which is what a clock thread would add to an idle server.
 *
 * <p>Run: {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.CoarseClockCost [seconds] [periodMicros]}
 * (default 20 s, 1000 µs). Prints one line.
 */
public final class CoarseClockCost {

    private static volatile long coarseNanos;
    private static volatile boolean running = true;

    private CoarseClockCost() {
    }

    /**
     * Runs the clock thread and prints its cost.
     *
     * @param args optionally the seconds to measure and the tick period in microseconds
     * @throws Exception when interrupted
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        long periodNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 1000);
        long[] ticks = new long[1];
        Thread clock = new Thread(() -> {
            while (running) {
                coarseNanos = System.nanoTime();
                ticks[0]++;
                LockSupport.parkNanos(periodNanos);
            }
        }, "coarse-clock");
        clock.setDaemon(true);
        clock.start();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(1000);
        long cpu0 = threads.getThreadCpuTime(clock.getId());
        long ticks0 = ticks[0];
        long wall0 = System.nanoTime();
        // Staleness: what a reader would get instead of nanoTime, sampled at irregular instants.
        int samples = (int) Math.min(100_000, seconds * 1000);
        long[] stale = new long[samples];
        long end = wall0 + TimeUnit.SECONDS.toNanos(seconds);
        int n = 0;
        long seed = 0x9E3779B97F4A7C15L;
        while (System.nanoTime() < end) {
            if (n < samples) {
                stale[n++] = System.nanoTime() - coarseNanos;
            }
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            LockSupport.parkNanos(100_000 + Math.floorMod(seed, 900_000));
        }
        long wall = System.nanoTime() - wall0;
        long cpu = threads.getThreadCpuTime(clock.getId()) - cpu0;
        long madeTicks = ticks[0] - ticks0;
        running = false;
        Arrays.sort(stale, 0, n);
        System.out.printf("coarse clock, period %d us, %d s, Java %s: clock thread CPU %.2f%% of one core, "
                        + "%.0f ticks/s (asked %.0f), %.1f us CPU per tick; staleness median %.0f us, p99 %.0f us, "
                        + "max %.0f us (%d reads)%n",
                TimeUnit.NANOSECONDS.toMicros(periodNanos), seconds, System.getProperty("java.version"),
                100.0 * cpu / wall, madeTicks * 1e9 / wall, 1e9 / periodNanos, cpu / 1e3 / Math.max(1, madeTicks),
                stale[n / 2] / 1e3, stale[(int) (n * 0.99)] / 1e3, stale[n - 1] / 1e3, n);
    }
}
