package io.aiocop;

import io.aiocop.internal.LibraryCode;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;

/**
 * Names what a sampled loop thread is blocked in, where the agent cannot see it: waiting to enter a contended
 * {@code synchronized} block (no JDK method is called), or inside {@code Thread.sleep(long)} or
 * {@code Object.wait(long)} where they are native (Java 17), which the agent never wraps. A thread that merely
 * computes, or waits anywhere else, is not a sampled blocking call: those are the CPU samples' and the instrumented
 * calls' business.
 */
final class SampledBlocking {

    private SampledBlocking() {
    }

    /**
     * Returns the sampled call, or null when the thread is not blocked where only sampling sees it.
     *
     * @param info      the loop thread's state and stack, from the watchdog
     * @param permitted whether the executor or thread permits blocking
     */
    static BlockingEventInfo describe(ThreadInfo info, boolean permitted) {
        StackTraceElement[] stack = info.getStackTrace();
        String operation;
        String detail;
        if (info.getThreadState() == Thread.State.BLOCKED) {
            operation = "monitor-enter";
            detail = info.getLockName() == null ? "" : lockText(info.getLockName(), info.getLockOwnerName());
        } else if (isInNative(stack, "java.lang.Thread", "sleep")) {
            operation = "sleep";
            detail = "";
        } else if (isInNative(stack, "java.lang.Object", "wait")) {
            operation = "wait";
            detail = info.getLockName() == null ? "" : info.getLockName();
        } else {
            return null;
        }
        int weight = Math.max(0, MonitoringState.EVENTS.weightOf(operation));
        List<StackTraceElement> trace = Arrays.asList(stack);
        return BlockingEventInfo.of(operation, detail, trace, entryPoint(trace), weight,
                BlockingEventInfo.UNKNOWN_DURATION, permitted, BlockingEventInfo.Source.SAMPLED);
    }

    /** Returns whether the innermost frame of {@code stack} is the native method {@code className.methodName}. */
    private static boolean isInNative(StackTraceElement[] stack, String className, String methodName) {
        return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().equals(className)
                && stack[0].getMethodName().equals(methodName);
    }

    /** Names a lock and, when known, the thread that holds it: {@code java.lang.Object@1b6d3586 held by t-1}. */
    static String lockText(String lockName, String ownerName) {
        return ownerName == null ? lockName : lockName + " held by " + ownerName;
    }

    /**
     * The innermost frame that is not JDK or Netty code, the application line that blocked, written as an
     * instrumented event's entry point is ({@code Class.method(File.java:line)}, without loader and module); also
     * the call site of a stall in the offender report.
     */
    static String entryPoint(List<StackTraceElement> stack) {
        return stack.isEmpty() ? "unknown" : entryFrame(stack).toString();
    }

    /**
     * Returns the innermost frame of a sampled stack that is not JDK or Netty code, judged by class name (a sampled
     * stack has no classes), without loader and module; the innermost frame when there is none. For the sampled
     * blocking events, the CPU samples and the stalls alike.
     *
     * @param stack a non-empty sampled stack
     */
    static StackTraceElement entryFrame(List<StackTraceElement> stack) {
        for (StackTraceElement frame : stack) {
            if (!LibraryCode.isPlatformName(frame.getClassName())) {
                return plain(frame);
            }
        }
        return plain(stack.get(0));
    }

    private static StackTraceElement plain(StackTraceElement frame) {
        return new StackTraceElement(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.getLineNumber());
    }
}
