package io.aiocop;

import java.util.List;
import java.util.Objects;

/**
 * One blocking operation recorded inside a task.
 *
 * @param event      the operation and its argument, e.g. {@code open(/var/data/x.json)} or {@code sleep(100 ms)}
 * @param trace      the stack of the call, innermost frame first, without aiocop's own frames; immutable and
 *                   readable from any thread (for a recorded event, the elements are built on first read)
 * @param entryPoint the innermost frame that is neither JDK, Netty nor aiocop code: the application line that
 *                   made the call, or the innermost frame of {@code trace} when there is no such frame
 * @param severity   the weight of the operation in the event registry
 */
public record BlockingEventInfo(String event, List<StackTraceElement> trace, String entryPoint, int severity) {

    /**
     * Validates the components and makes {@code trace} immutable.
     *
     * @throws NullPointerException     when {@code event}, {@code trace} or {@code entryPoint} is null
     * @throws IllegalArgumentException when {@code severity} is negative
     */
    public BlockingEventInfo {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(entryPoint, "entryPoint");
        Objects.requireNonNull(trace, "trace");
        // A trace captured by aiocop is already immutable; its elements are built when it is first read.
        trace = trace instanceof LazyTrace ? trace : List.copyOf(trace);
        if (severity < 0) {
            throw new IllegalArgumentException("severity must be >= 0, was " + severity);
        }
    }
}
