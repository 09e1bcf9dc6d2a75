package io.aiocop;

import java.util.Arrays;
import java.util.Objects;

/**
 * The registered {@link SlowTaskCallback}s. Reads are a volatile array load (no lock, no allocation), so the
 * loop thread can iterate while another thread registers.
 */
final class CallbackRegistry {

    private static final SlowTaskCallback[] NONE = new SlowTaskCallback[0];

    private final UserCodeFailures failures;
    private volatile SlowTaskCallback[] callbacks = NONE;

    CallbackRegistry(UserCodeFailures failures) {
        this.failures = failures;
    }

    /** Adds a callback; a callback that is already registered is ignored. */
    synchronized void register(SlowTaskCallback callback) {
        Objects.requireNonNull(callback, "callback");
        callbacks = CopyOnWriteArrays.add(callbacks, callback);
    }

    synchronized void unregister(SlowTaskCallback callback) {
        Objects.requireNonNull(callback, "callback");
        callbacks = CopyOnWriteArrays.remove(callbacks, callback);
        failures.forget(callback);
    }

    synchronized void clear() {
        for (SlowTaskCallback c : callbacks) {
            failures.forget(c);
        }
        callbacks = NONE;
    }

    boolean isEmpty() {
        return callbacks.length == 0;
    }

    int size() {
        return callbacks.length;
    }

    /** Calls every callback; one that throws is counted and logged, and the others still run. */
    void dispatch(SlowTaskEvent event) {
        for (SlowTaskCallback callback : callbacks) {
            try {
                callback.onSlowTask(event);
            } catch (Throwable t) {
                failures.record("callback", callback, t);
            }
        }
    }

    @Override
    public String toString() {
        return "CallbackRegistry" + Arrays.toString(callbacks);
    }
}
