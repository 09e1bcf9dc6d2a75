package io.aiocop.internal.bootstrap;

import java.util.function.BiPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.ObjIntConsumer;

/**
 * The runtime that advice inlined into JDK methods calls. Internal, no compatibility promise.
 *
 * <p>This class lives in the bootstrap class loader: the agent defines it there from a resource (or, on a JDK
 * where that is impossible, appends a temporary jar holding it to the bootstrap search path) and initialises it
 * before it transforms any class. It must therefore talk to the rest
 * of aiocop only through JDK types ({@code String}, {@code Object}, {@code Class}, {@code java.util.function.*})
 * held in volatile static fields, and must never be shipped as a loadable {@code .class} file: an application
 * loader that loaded its own copy first would leave the advice talking to a bridge nobody listens to.
 *
 * <p>Every method here runs inside JDK methods on every thread of the JVM. The unmonitored path (a thread whose
 * exact class was never bound to a monitor) is one class compare per registered class: no allocation, no lock,
 * no interface {@code instanceof}. Nothing thrown by the hooks reaches the caller, except an exception of the one
 * class registered in {@link #passThrough}: aiocop's deliberate raise-on-violations.
 */
public final class AiocopBridge {

    /**
     * Exact classes of the threads monitored executors run on. Replaced, never mutated: readers see a whole array.
     */
    public static volatile Class<?>[] threadClasses = new Class<?>[0];

    /** Records a blocking call: (operation, argument) to true when it opened a call scope the exit must close. */
    public static volatile BiPredicate<String, Object> enterHook;

    /** Closes the call scope opened by {@link #enterHook}. */
    public static volatile Runnable exitHook;

    /** Sets the allowance of the current thread (1 allowed, 0 not) and returns the previous one, or -1. */
    public static volatile IntUnaryOperator allowHook;

    /** The one exception class that the hooks may throw into the instrumented method's caller. */
    public static volatile Class<?> passThrough;

    /** A task boundary of an application's own Netty event loop (zero-code mode): one of the {@code LOOP_*} codes. */
    public static volatile ObjIntConsumer<Class<?>> loopHook;

    /**
     * The exact class of the threads that only aiocop's drop-in loops run on, or null until one of them reached a
     * loop boundary: those loops time their own tasks, so {@link #loopBoundary} leaves them with one class compare.
     */
    public static volatile Class<?> dropInLoopThreads;

    /** {@link #loopBoundary}: a task starts; the open one ends at the same instant. */
    public static final int LOOP_BEGIN = 1;
    /** {@link #loopBoundary}: an I/O pass starts (the selector's wait returned); the open task ends then. */
    public static final int LOOP_IO_BEGIN = 2;
    /** {@link #loopBoundary}: the open task ends; nothing starts. */
    public static final int LOOP_END = 0;
    /** {@link #loopBoundary}: the loop's {@code run()} returned; the thread stops being a loop thread. */
    public static final int LOOP_EXIT = -1;

    private AiocopBridge() {
    }

    /**
     * Returns whether the current thread's exact class is a registered loop-thread class: the hot path.
     *
     * @return true when the current thread may run monitored tasks
     */
    public static boolean isMonitoredThread() {
        Class<?> type = Thread.currentThread().getClass();
        Class<?>[] types = threadClasses;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == type) {
                return true;
            }
        }
        return false;
    }

    /**
     * Called on entry to an instrumented method.
     *
     * @param operation the operation name in aiocop's event registry
     * @param argument  the call's argument, formatted by aiocop only when the call is recorded; may be null
     * @return true when the exit advice must call {@link #exit()}
     */
    public static boolean enter(String operation, Object argument) {
        if (!isMonitoredThread()) {
            return false;
        }
        return enterMonitored(operation, argument);
    }

    /**
     * Called on entry to an instrumented method whose event needs two values (e.g. a path and a descriptor).
     *
     * @param operation the operation name
     * @param first     the first value; may be null
     * @param second    the second value; may be null
     * @return true when the exit advice must call {@link #exit()}
     */
    public static boolean enter(String operation, Object first, Object second) {
        if (!isMonitoredThread()) {
            return false;
        }
        return enterMonitored(operation, new Object[] {first, second});
    }

    /**
     * Called on entry to an instrumented method whose argument is a number (a duration, a port).
     *
     * @param operation the operation name
     * @param value     the number
     * @return true when the exit advice must call {@link #exit()}
     */
    public static boolean enter(String operation, long value) {
        if (!isMonitoredThread()) {
            return false;
        }
        return enterMonitored(operation, value);
    }

    /**
     * Called on entry to an instrumented method whose event needs a value and a number (an address and a port).
     *
     * @param operation the operation name
     * @param first     the value; may be null
     * @param second    the number
     * @return true when the exit advice must call {@link #exit()}
     */
    public static boolean enter(String operation, Object first, int second) {
        if (!isMonitoredThread()) {
            return false;
        }
        return enterMonitored(operation, new Object[] {first, second});
    }

    private static boolean enterMonitored(String operation, Object argument) {
        try {
            BiPredicate<String, Object> hook = enterHook;
            return hook != null && hook.test(operation, argument);
        } catch (Throwable t) {
            rethrowIfDeliberate(t);
            return false;
        }
    }

    /**
     * Called on exit (normal or exceptional) of an instrumented method whose entry returned true.
     */
    public static void exit() {
        try {
            Runnable hook = exitHook;
            if (hook != null) {
                hook.run();
            }
        } catch (Throwable ignored) {
            // Never disturb the instrumented method.
        }
    }

    /**
     * Called on entry to a method inside which blocking is allowed or disallowed.
     *
     * @param allowed 1 to allow blocking inside, 0 to disallow
     * @return the previous state to pass to {@link #restoreAllowance(int)}, or -1 when there is none
     */
    public static int enterAllowance(int allowed) {
        if (!isMonitoredThread()) {
            return -1;
        }
        try {
            IntUnaryOperator hook = allowHook;
            return hook == null ? -1 : hook.applyAsInt(allowed);
        } catch (Throwable t) {
            return -1;
        }
    }

    /**
     * Called on exit of a method entered with {@link #enterAllowance(int)}.
     *
     * @param previous what {@code enterAllowance} returned
     */
    public static void restoreAllowance(int previous) {
        if (previous < 0) {
            return;
        }
        try {
            IntUnaryOperator hook = allowHook;
            if (hook != null) {
                hook.applyAsInt(previous);
            }
        } catch (Throwable ignored) {
            // Never disturb the instrumented method.
        }
    }

    /**
     * Called by advice inlined into Netty's event executors (any class loader, any Netty version) at a task
     * boundary. Runs on the loop thread only; never throws.
     *
     * @param boundary {@link #LOOP_BEGIN}, {@link #LOOP_IO_BEGIN}, {@link #LOOP_END} or {@link #LOOP_EXIT}
     * @param netty    the instrumented Netty class, which tells which Netty (and class loader) the loop belongs to
     */
    public static void loopBoundary(int boundary, Class<?> netty) {
        ObjIntConsumer<Class<?>> hook = loopHook;
        if (hook == null || Thread.currentThread().getClass() == dropInLoopThreads) {
            return;
        }
        try {
            hook.accept(netty, boundary);
        } catch (Throwable ignored) {
            // Never disturb the event loop.
        }
    }

    private static void rethrowIfDeliberate(Throwable t) {
        if (t instanceof RuntimeException && t.getClass() == passThrough) {
            throw (RuntimeException) t;
        }
    }
}
