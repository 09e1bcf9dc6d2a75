package io.aiocop;

/**
 * Whether a blocking call that makes a task's score high is refused: globally, or inside a
 * {@link RaiseOnViolationsScope} on the current thread.
 */
final class RaisePolicy {

    private static volatile boolean global;

    /** Open scopes per thread; a one-element array so a scope updates it without boxing. */
    private static final ThreadLocal<int[]> SCOPES = ThreadLocal.withInitial(() -> new int[1]);

    private RaisePolicy() {
    }

    static void setGlobal(boolean enabled) {
        global = enabled;
    }

    static boolean isEnabled() {
        return global || SCOPES.get()[0] > 0;
    }

    static void enterScope() {
        SCOPES.get()[0]++;
    }

    static void exitScope() {
        SCOPES.get()[0]--;
    }
}
