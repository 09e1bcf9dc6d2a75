package io.aiocop;

import io.aiocop.internal.LibraryCode;
import java.util.Iterator;
import java.util.Set;

/**
 * Captures the stack of a blocking call: a trace of at most {@code depth} frames without aiocop's own frames on
 * top, and the entry point, the innermost frame that is not JDK, Netty or aiocop code.
 *
 * <p>The two parts are captured differently because they are read differently (see docs/benchmarks.md). The
 * usual consumers of an event (the default reporter, JFR, metrics) read its entry point and never its trace, so
 * the trace is a {@link Throwable}'s native backtrace, a cheap copy of method ids and bytecode indexes, and its
 * {@link StackTraceElement}s are built only when someone reads it ({@link LazyTrace}). A {@link StackWalker} walk
 * of every trace frame costs several times more on Java 17, mostly to resolve each frame's method. The entry point
 * needs the frames' classes (aiocop's own classes are told apart by where they were loaded from, not by name), so
 * it comes from a short walk that stops at the first application frame, usually within the walker's first batch.
 *
 * <p>The entry point's text is built for every event. A cache of it per call site (class, method name and
 * descriptor, bytecode index) was measured (2026-12): the key needs the frame's method name and descriptor, which on
 * Java 25 resolve the method's type and cost more than the element they spare (+0.8 µs per event at stack depth
 * 32), and on Java 17 it saved about 0.2 µs, so it is not here.
 */
final class TraceCapture {

    /** How far the walk looks for an application frame. */
    private static final int MAX_SCAN = 128;

    /** First batch of the entry-point walk: aiocop's frames on top, a few JDK frames, the application frame. */
    private static final int ENTRY_WALK_BATCH = 8;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), ENTRY_WALK_BATCH);

    private TraceCapture() {
    }

    static BlockingEventInfo capture(String operation, String detail, int weight, long durationNanos,
            boolean permitted, BlockingEventInfo.Source source, int depth) {
        // Both the backtrace and the walk start at this method, so they agree on the frames above the call.
        Throwable stack = depth > 0 ? new Throwable() : null;
        return WALKER.walk(frames -> {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            int topFrames = 0;
            StackWalker.StackFrame innermost = null;
            StackWalker.StackFrame entryPoint = null;
            int scanned = 0;
            while (entryPoint == null && it.hasNext() && scanned < MAX_SCAN) {
                StackWalker.StackFrame frame = it.next();
                Class<?> type = frame.getDeclaringClass();
                if (innermost == null && LibraryCode.isLibrary(type)) {
                    topFrames++;
                    continue;
                }
                if (innermost == null) {
                    innermost = frame;
                }
                scanned++;
                if (!LibraryCode.isPlatformOrLibrary(type)) {
                    entryPoint = frame;
                }
            }
            StackWalker.StackFrame entryFrame = entryPoint != null ? entryPoint : innermost;
            String entry = entryFrame != null ? entryFrame.toStackTraceElement().toString() : "unknown";
            LazyTrace trace = stack == null || innermost == null
                    ? LazyTrace.EMPTY
                    : new LazyTrace(stack, topFrames, innermost, depth);
            return BlockingEventInfo.of(operation, detail, trace, entry, weight, durationNanos, permitted, source);
        });
    }
}
