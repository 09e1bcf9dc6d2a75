package io.aiocop;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The trace of a recorded {@link BlockingEventInfo}: a captured backtrace, turned into {@link StackTraceElement}s
 * only when the trace is first read.
 *
 * <p>Most consumers of an event (the default reporter, JFR, metrics) never read its trace, and building the
 * elements (class, method, file and line from the class metadata) costs several times more than capturing the
 * backtrace. So the recording thread keeps a {@link Throwable}, and whichever thread reads the trace first pays.
 *
 * <p>Immutable and safe to read from any thread: {@link Throwable#getStackTrace()} is thread-safe, and the
 * elements are built once under this object's lock and published through a volatile field after they are complete
 * (release/acquire), so a reader that sees the array without the lock sees fully built elements
 * ({@code StackTraceElement}'s fields are not all final).
 */
final class LazyTrace extends AbstractList<StackTraceElement> implements RandomAccess {

    /** The trace of an event recorded with depth 0, or with no frame below aiocop's. */
    static final LazyTrace EMPTY = new LazyTrace(new StackTraceElement[0]);

    private final Throwable stack;
    private final int topFrames;
    private final StackWalker.StackFrame first;
    private final int depth;

    /** Null until the first read; see the class comment for the ordering. */
    private volatile StackTraceElement[] elements;

    /**
     * Wraps a backtrace taken in {@link TraceCapture}.
     *
     * @param stack       the backtrace, taken in the method whose walk found the frames below
     * @param topFrames   how many frames on top of it are aiocop's own, as the walk counted them
     * @param first       the first frame below aiocop's, as the walk saw it; read only when the trace is built
     * @param depth       the most frames to keep, at least 1
     */
    LazyTrace(Throwable stack, int topFrames, StackWalker.StackFrame first, int depth) {
        this.stack = stack;
        this.topFrames = topFrames;
        this.first = first;
        this.depth = depth;
    }

    private LazyTrace(StackTraceElement[] elements) {
        this(null, 0, null, 0);
        this.elements = elements;
    }

    @Override
    public StackTraceElement get(int index) {
        return elements()[index];
    }

    @Override
    public int size() {
        return elements().length;
    }

    private StackTraceElement[] elements() {
        StackTraceElement[] built = elements;
        if (built == null) {
            synchronized (this) {
                built = elements;
                if (built == null) {
                    StackTraceElement[] all = stack.getStackTrace();
                    int first = firstBelowAiocop(all);
                    built = Arrays.copyOfRange(all, first, Math.min(all.length, first + depth));
                    elements = built;
                }
            }
        }
        return built;
    }

    /**
     * Finds the frame the walk saw first below aiocop's frames. A backtrace and a walk list the same frames
     * (both leave out hidden frames; reflection frames, which only the backtrace shows, do not occur among
     * aiocop's own), so this is normally the index the walk counted; the search is a guard against a JVM that
     * lists one more or one less frame on top.
     */
    private int firstBelowAiocop(StackTraceElement[] all) {
        // The frame caches its element (thread-safe); it is the entry point's element when the two are one frame.
        StackTraceElement expected = first.toStackTraceElement();
        if (topFrames < all.length && all[topFrames].equals(expected)) {
            return topFrames;
        }
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals(expected)) {
                return i;
            }
        }
        return Math.min(topFrames, all.length);
    }
}
