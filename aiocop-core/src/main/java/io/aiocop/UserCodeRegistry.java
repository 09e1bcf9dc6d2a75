package io.aiocop;

import io.aiocop.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A set of user-supplied objects (callbacks, context providers) in registration order, published as an array
 * through a volatile field: the loop thread iterates with one volatile load, no lock and no allocation, while
 * other threads register and unregister under the lock.
 *
 * @param <T> the type of the registered objects
 */
abstract class UserCodeRegistry<T> {

    /** Counts and logs failures of the registered objects; forgets an object when it is removed. */
    final FailureCounter failures;

    private final T[] none;
    private final String argumentName;
    private volatile T[] items;

    UserCodeRegistry(FailureCounter failures, T[] none, String argumentName) {
        this.failures = failures;
        this.none = none;
        this.argumentName = argumentName;
        this.items = none;
    }

    /** Adds an object; one that is already registered is ignored. */
    final synchronized void register(T item) {
        Checks.requireNonNull(item, argumentName);
        if (indexOf(items, item) < 0) {
            T[] grown = Arrays.copyOf(items, items.length + 1);
            grown[items.length] = item;
            items = grown;
        }
    }

    /** Removes an object; removing one that is not registered does nothing. */
    final synchronized void unregister(T item) {
        Checks.requireNonNull(item, argumentName);
        int i = indexOf(items, item);
        if (i >= 0) {
            T[] shrunk = Arrays.copyOf(items, items.length - 1);
            System.arraycopy(items, i + 1, shrunk, i, items.length - i - 1);
            items = shrunk;
        }
        failures.forget(item);
    }

    final synchronized void clear() {
        for (T item : items) {
            failures.forget(item);
        }
        items = none;
    }

    /**
     * Hands {@code event} to every registered object through {@code call}; one that throws is counted and logged
     * as a {@code kind}, and the others still run.
     */
    final <E> void dispatch(E event, BiConsumer<T, E> call, String kind) {
        for (T item : items()) {
            try {
                call.accept(item, event);
            } catch (Throwable t) {
                failures.record(kind, item, t);
            }
        }
    }

    final boolean isEmpty() {
        return items.length == 0;
    }

    /** Returns the registered objects; the caller must not modify the array. */
    final T[] items() {
        return items;
    }

    private static int indexOf(Object[] array, Object element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].equals(element)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Arrays.toString(items);
    }
}
