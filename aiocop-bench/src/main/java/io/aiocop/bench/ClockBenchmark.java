package io.aiocop.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Family 9, the clock a task's timing reads: one {@code System.nanoTime()} against one volatile load of a
 * timestamp another thread would advance (what a coarse clock would cost a task instead). Nothing is installed;
 * the point is the absolute figure on this machine, which bounds what monitoring adds per task (two reads, at the
 * task's start and end).
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar ClockBenchmark}
 */
@State(Scope.Benchmark)
public class ClockBenchmark extends AbstractBenchmark {

    /** Stands for a timestamp a watchdog thread advances; volatile, as such a field's readers would need. */
    private volatile long coarseNanos = System.nanoTime();

    /**
     * One {@code System.nanoTime()}.
     *
     * @return the time
     */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * One volatile load of a timestamp.
     *
     * @return the timestamp
     */
    @Benchmark
    public long coarseClockRead() {
        return coarseNanos;
    }
}
