package io.aiocop;

/**
 * A region of code on one thread in which a blocking call that makes the running task's severity
 * {@link SeverityLevel#HIGH} throws {@link HighSeverityBlockingIoException}. Scopes nest; closing the outer one
 * while an inner one is open keeps the inner one in force.
 *
 * <pre>{@code
 * try (var scope = Aiocop.raiseOnViolations()) {
 *     handler.process(request);   // a HIGH blocking call in here throws at its call site
 * }
 * }</pre>
 *
 * <p>Not thread-safe: open and close a scope on the same thread. Closing twice is a no-op.
 */
public final class RaiseOnViolationsScope implements AutoCloseable {

    private final Thread owner = Thread.currentThread();
    private boolean closed;

    RaiseOnViolationsScope() {
        RaisePolicy.enterScope();
    }

    /**
     * Ends this scope on the thread that opened it.
     *
     * @throws IllegalStateException when called from another thread than the one that opened the scope
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("raiseOnViolations scope opened on thread '" + owner.getName()
                    + "' must be closed on it, not on '" + Thread.currentThread().getName() + "'");
        }
        if (!closed) {
            closed = true;
            RaisePolicy.exitScope();
        }
    }
}
