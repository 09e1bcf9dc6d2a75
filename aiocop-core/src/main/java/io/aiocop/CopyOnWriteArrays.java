package io.aiocop;

import java.util.Arrays;

/**
 * Copy-on-write updates of the small arrays that registries publish through a volatile field.
 */
final class CopyOnWriteArrays {

    private CopyOnWriteArrays() {
    }

    /** Returns {@code array} plus {@code element}, or {@code array} itself when it already holds it. */
    static <T> T[] add(T[] array, T element) {
        if (indexOf(array, element) >= 0) {
            return array;
        }
        T[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = element;
        return grown;
    }

    /** Returns {@code array} without {@code element}, or {@code array} itself when it does not hold it. */
    static <T> T[] remove(T[] array, T element) {
        int i = indexOf(array, element);
        if (i < 0) {
            return array;
        }
        T[] shrunk = Arrays.copyOf(array, array.length - 1);
        System.arraycopy(array, i + 1, shrunk, i, array.length - i - 1);
        return shrunk;
    }

    private static int indexOf(Object[] array, Object element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i].equals(element)) {
                return i;
            }
        }
        return -1;
    }
}
