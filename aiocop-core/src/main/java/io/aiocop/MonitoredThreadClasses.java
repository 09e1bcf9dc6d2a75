package io.aiocop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The exact classes of the threads that monitored executors run on. The agent's hot path compares the current
 * thread's class against them, so an application thread of any other class pays one compare per class and never
 * reaches aiocop.
 *
 * <p>{@link TaskMonitor#bindToCurrentThread()} registers its thread's class; a class stays registered for the life
 * of the JVM (a loop may later run on another thread of the same class). Registration is rare and takes a lock;
 * reads are one volatile load of an array that is replaced, never mutated.
 */
final class MonitoredThreadClasses {

    private static volatile Class<?>[] registered = new Class<?>[0];

    /** Where new arrays go once the agent is installed; null before. */
    private static volatile Consumer<Class<?>[]> publisher;

    private MonitoredThreadClasses() {
    }

    /** Registers {@code type}; already registered classes cost a scan of a tiny array. */
    static void register(Class<?> type) {
        if (contains(registered, type)) {
            return;
        }
        synchronized (MonitoredThreadClasses.class) {
            Class<?>[] current = registered;
            if (contains(current, type)) {
                return;
            }
            Class<?>[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = type;
            registered = next;
            Consumer<Class<?>[]> target = publisher;
            if (target != null) {
                target.accept(next);
            }
        }
    }

    /** Starts pushing the registered classes to {@code target}, beginning with those registered so far. */
    static void publishTo(Consumer<Class<?>[]> target) {
        synchronized (MonitoredThreadClasses.class) {
            publisher = target;
            target.accept(registered);
        }
    }

    /** Returns the registered classes plus {@code extra}, for the agent's install-time self-test. */
    static Class<?>[] with(Class<?> extra) {
        Class<?>[] current = registered;
        Class<?>[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = extra;
        return next;
    }

    /** Returns the registered classes. */
    static Class<?>[] registered() {
        return registered;
    }

    private static boolean contains(Class<?>[] types, Class<?> type) {
        for (Class<?> t : types) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }
}
