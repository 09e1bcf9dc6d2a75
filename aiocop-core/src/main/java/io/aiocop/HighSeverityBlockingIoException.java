package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.List;

/**
 * Thrown at the call site of the blocking call that brings a monitored task's severity score to
 * {@link SeverityLevel#HIGH} while raising on violations is enabled; the blocking operation does not run.
 *
 * @see Aiocop#enableRaiseOnViolations()
 * @see Aiocop#raiseOnViolations()
 */
public final class HighSeverityBlockingIoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The task's score at the refused call. */
    private final int severityScore;
    /** How long the task had run at the refused call, in milliseconds. */
    private final double elapsedMs;
    private final transient List<BlockingEventInfo> events;

    /**
     * Creates the exception.
     *
     * @param severityScore the task's score including the refused call
     * @param elapsedMs     how long the task had run when the call was refused
     * @param events        the task's events so far, the refused call last; may be empty (events past the per-task
     *                      cap are not kept)
     * @throws IllegalArgumentException when {@code severityScore} is below {@value Severity#WEIGHT_HEAVY} (the
     *                                  score of a high level) or {@code elapsedMs} is NaN, infinite or negative
     * @throws NullPointerException     when {@code events} is null or holds null
     */
    public HighSeverityBlockingIoException(int severityScore, double elapsedMs, List<BlockingEventInfo> events) {
        super(message(severityScore, elapsedMs, events));
        this.severityScore = severityScore;
        this.elapsedMs = elapsedMs;
        this.events = List.copyOf(events);
    }

    /** Validates the arguments before the exception is built, so that a bad one throws instead of this. */
    private static String message(int severityScore, double elapsedMs, List<BlockingEventInfo> events) {
        Checks.requireArgument(severityScore >= Severity.WEIGHT_HEAVY, "severityScore must be >= %d (high), was %d",
                Severity.WEIGHT_HEAVY, severityScore);
        Checks.requireFiniteNonNegative(elapsedMs, "elapsedMs");
        SlowTaskEvent.requireElements(events, "events");
        String last = events.isEmpty() ? "?" : events.get(events.size() - 1).event();
        return String.format("blocking call %s refused on an event loop: severity score %d (high) after %.3f ms",
                last, severityScore, elapsedMs);
    }

    /**
     * Returns the task's severity score, including the refused call.
     *
     * @return the score, at least {@value Severity#WEIGHT_HEAVY}
     */
    public int severityScore() {
        return severityScore;
    }

    /**
     * Returns how long the task had run when the call was refused.
     *
     * @return milliseconds since the task started
     */
    public double elapsedMs() {
        return elapsedMs;
    }

    /**
     * Returns the task's blocking events so far, the refused call last.
     *
     * @return an immutable list; empty after deserialization
     */
    public List<BlockingEventInfo> events() {
        return events == null ? List.of() : events;
    }
}
