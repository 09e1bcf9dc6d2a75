package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.List;

/**
 * One stack of a slow task's loop thread as the CPU sampler saw it, and how many samples saw exactly that stack:
 * where the task's time went. Listed, most frequent first, in {@link SlowTaskEvent#cpuStackSamples()}.
 *
 * <p>A sample is the loop thread's stack whatever the thread did at that instant (computing, or waiting: a wait
 * the agent or the sampled-blocking check names is also a {@link BlockingEventInfo}), so the counts share the
 * task's wall-clock time; {@link SlowTaskEvent#cpuTimeMs()} says how much of it was on the CPU.
 *
 * @param trace      the sampled stack, innermost frame first, at most the trace depth in force; immutable
 * @param entryPoint the innermost frame that is neither JDK nor Netty code, written as a blocking event's entry
 *                   point is (no class loader or module): the application method that was running; the innermost
 *                   frame when there is none
 * @param count      how many samples of the task saw this stack, at least 1
 */
public record CpuStackSample(List<StackTraceElement> trace, StackTraceElement entryPoint, int count) {

    /**
     * Validates the components and makes {@code trace} immutable.
     *
     * @param trace      the sampled stack, innermost frame first
     * @param entryPoint the first application frame of {@code trace}
     * @param count      how many samples saw this stack
     * @throws NullPointerException     when {@code trace}, one of its elements, or {@code entryPoint} is null
     * @throws IllegalArgumentException when {@code count < 1}
     */
    public CpuStackSample {
        trace = List.copyOf(SlowTaskEvent.requireElements(trace, "trace"));
        Checks.requireNonNull(entryPoint, "entryPoint");
        Checks.requireArgument(count >= 1, "count must be >= 1, was %d", count);
    }
}
