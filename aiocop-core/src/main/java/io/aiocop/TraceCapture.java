package io.aiocop;

import io.aiocop.internal.LibraryCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Captures the stack of a blocking call with a bounded {@link StackWalker}: at most {@code depth} frames for the
 * trace, skipping aiocop's own frames on top, and scanning a little further for the entry point.
 */
final class TraceCapture {

    /** How far past the trace the walk looks for an application frame. */
    private static final int MAX_SCAN = 128;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

    private TraceCapture() {
    }

    static BlockingEventInfo capture(String event, int weight, int depth) {
        return WALKER.walk(frames -> {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            List<StackTraceElement> trace = new ArrayList<>(depth);
            String entryPoint = null;
            String innermost = null;
            boolean top = true;
            int scanned = 0;
            while (it.hasNext() && scanned < MAX_SCAN && (entryPoint == null || trace.size() < depth)) {
                StackWalker.StackFrame frame = it.next();
                Class<?> type = frame.getDeclaringClass();
                if (top && LibraryCode.isLibrary(type)) {
                    continue;
                }
                top = false;
                scanned++;
                StackTraceElement element = null;
                if (trace.size() < depth) {
                    element = frame.toStackTraceElement();
                    trace.add(element);
                }
                if (innermost == null) {
                    innermost = (element != null ? element : frame.toStackTraceElement()).toString();
                }
                if (entryPoint == null && !LibraryCode.isPlatformOrLibrary(type)) {
                    entryPoint = (element != null ? element : frame.toStackTraceElement()).toString();
                }
            }
            String entry = entryPoint != null ? entryPoint : innermost != null ? innermost : "unknown";
            return new BlockingEventInfo(event, trace, entry, weight);
        });
    }
}
