package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.List;

/**
 * One blocking operation recorded inside a task.
 *
 * <p>The first four components are aiocop's ({@code event}, {@code trace}, {@code entry_point}, {@code severity});
 * the others carry the same call as data, so that no consumer has to parse {@code event}. aiocop calls the
 * per-event weight {@code severity}; {@link #weight()} is its Java name.
 *
 * @param event         the operation and its argument as text, e.g. {@code open(/var/data/x.json)} or
 *                      {@code sleep(100 ms)}: {@code operation(detail)}, rendered for people
 * @param trace         the stack of the call, innermost frame first, without aiocop's own frames; immutable and
 *                      readable from any thread (for a recorded event, the elements are built on first read)
 * @param entryPoint    the innermost frame that is neither JDK, Netty nor aiocop code: the application line that
 *                      made the call, or the innermost frame of {@code trace} when there is no such frame
 * @param severity      the weight of the operation in the event registry (aiocop's name; see {@link #weight()})
 * @param operation     the operation's name in the event registry: {@code open}, {@code connect},
 *                      {@code getaddrinfo}, {@code sleep}, ...
 * @param detail        what the operation touched: a path, an address, a duration, a command line; empty when
 *                      there is nothing to name; at most {@value #MAX_DETAIL_LENGTH} characters plus {@code ...}
 * @param durationNanos how long the blocking call itself ran on the loop thread, measured around the instrumented
 *                      method; {@code -1} where unknown: a call refused by raise-on-violations (it never ran), an
 *                      {@link Aiocop#audit(String, String)} event, or an event built by hand
 * @param permitted     true when the call was made where blocking is permitted (an executor declared
 *                      {@code blockingPermitted}, or a Netty {@code FastThreadLocalThread} whose
 *                      {@code permitBlockingCalls()} is true): reported, never refused
 * @param source        how aiocop learned of the call
 */
public record BlockingEventInfo(String event, List<StackTraceElement> trace, String entryPoint, int severity,
        String operation, String detail, long durationNanos, boolean permitted, Source source) {

    /** How aiocop learned of a blocking call. */
    public enum Source {
        /** An instrumented JDK or application method reported the call as it returned (or refused it). */
        INSTRUMENTED,
        /**
         * The stall watchdog saw the loop thread blocked where no instrumentation reaches (a contended
         * {@code synchronized}, a native sleep or wait): the trace is the sampled stack, the duration unknown.
         */
        SAMPLED,
        /** A Flight Recorder event of the JVM's. */
        JFR,
        /** {@link Aiocop#audit(String, String)}, or an event built by hand. */
        AUDIT
    }

    /** The most characters of a detail that an event keeps; a longer one is cut and ends in {@code ...}. */
    public static final int MAX_DETAIL_LENGTH = 100;

    /** The {@code durationNanos} of an event whose call's duration is not known. */
    public static final long UNKNOWN_DURATION = -1;

    /**
     * Validates the components and makes {@code trace} immutable.
     *
     * @param event         the operation and its argument as text
     * @param trace         the stack of the call, innermost frame first
     * @param entryPoint    the application frame that made the call
     * @param severity      the operation's weight in the event registry
     * @param operation     the operation's name in the event registry
     * @param detail        what the operation touched; may be empty
     * @param durationNanos how long the call ran on the loop thread, {@code -1} where unknown
     * @param permitted     whether the call was made where blocking is permitted
     * @param source        how aiocop learned of the call
     * @throws NullPointerException     when {@code event}, {@code trace}, {@code entryPoint}, {@code operation},
     *                                  {@code detail} or {@code source} is null
     * @throws IllegalArgumentException when {@code severity} is negative, {@code operation} is blank or
     *                                  {@code durationNanos} is below {@code -1}
     */
    public BlockingEventInfo {
        Checks.requireNonNull(event, "event");
        Checks.requireNonNull(entryPoint, "entryPoint");
        Checks.requireNonNull(trace, "trace");
        Checks.requireNonBlank(operation, "operation");
        Checks.requireNonNull(detail, "detail");
        Checks.requireNonNull(source, "source");
        // A trace captured by aiocop is already immutable; its elements are built when it is first read.
        trace = trace instanceof LazyTrace ? trace : List.copyOf(trace);
        Checks.requireNonNegative(severity, "severity");
        Checks.requireArgument(durationNanos >= UNKNOWN_DURATION,
                "durationNanos must be >= 0, or -1 when unknown, was %d", durationNanos);
    }

    /**
     * Builds an event the aiocop way, from its text alone: {@code operation} is {@code event}, {@code detail} is
     * empty, the duration unknown, not permitted, source {@link Source#AUDIT}.
     *
     * @param event      the event's text
     * @param trace      the stack of the call
     * @param entryPoint the application frame
     * @param severity   the weight
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when {@code severity} is negative or {@code event} is blank
     */
    public BlockingEventInfo(String event, List<StackTraceElement> trace, String entryPoint, int severity) {
        this(event, trace, entryPoint, severity, event, "", UNKNOWN_DURATION, false, Source.AUDIT);
    }

    /**
     * Builds an event from its parts; {@link #event()} is rendered from {@code operation} and {@code detail}.
     *
     * @param operation     the operation's registry name
     * @param detail        what it touched, or empty; cut to {@value #MAX_DETAIL_LENGTH} characters
     * @param trace         the stack of the call
     * @param entryPoint    the application frame
     * @param weight        the operation's weight
     * @param durationNanos how long the call ran, or {@code -1}
     * @param permitted     whether blocking was permitted where it ran
     * @param source        how aiocop learned of the call
     * @return the event
     * @throws NullPointerException     when an object argument is null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static BlockingEventInfo of(String operation, String detail, List<StackTraceElement> trace,
            String entryPoint, int weight, long durationNanos, boolean permitted, Source source) {
        Checks.requireNonNull(operation, "operation");
        String cut = cut(Checks.requireNonNull(detail, "detail"));
        return new BlockingEventInfo(render(operation, cut), trace, entryPoint, weight, operation, cut, durationNanos,
                permitted, source);
    }

    /**
     * Returns the weight of the operation in the event registry: the Java name of aiocop's {@code severity}.
     *
     * @return the weight, {@code >= 0}
     */
    public int weight() {
        return severity;
    }

    /** Renders {@code operation(detail)}, the form of {@link #event()}. */
    static String render(String operation, String detail) {
        return operation + "(" + detail + ")";
    }

    /** Cuts a detail to {@link #MAX_DETAIL_LENGTH} characters. */
    static String cut(String detail) {
        return detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) + "..." : detail;
    }
}
