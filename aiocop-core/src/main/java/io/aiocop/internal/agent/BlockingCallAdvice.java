package io.aiocop.internal.agent;

import io.aiocop.internal.bootstrap.AiocopBridge;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.channels.SelectableChannel;
import net.bytebuddy.asm.Advice;

/**
 * The advice templates that the agent inlines into blocking JDK methods, one per shape of argument the event needs.
 *
 * <p>Each enter advice is a single call into {@link AiocopBridge}, whose first statement is the "is this a monitored
 * thread?" class compare; arguments are passed as they are (primitives unboxed) so that the unmonitored path
 * allocates nothing. Enter advice is not {@code suppress}ed: the bridge already swallows everything except the
 * deliberate {@code HighSeverityBlockingIoException}, which must reach the caller before the operation runs. The
 * exit advice closes the call scope that de-duplicates nested events ({@code getByName} calling
 * {@code getAllByName}).
 */
final class BlockingCallAdvice {

    /** Bound to the operation name of the instrumented method, e.g. {@code "open"}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Operation {
    }

    /** Bound to 1 when blocking is allowed inside the instrumented method, 0 when it is disallowed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Allowed {
    }

    private BlockingCallAdvice() {
    }

    /**
     * The exit advice of every blocking-call advice: closes the call scope its entry opened, also when the method
     * throws.
     */
    static final class CloseCallScope {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean opened) {
            if (opened) {
                AiocopBridge.exit();
            }
        }
    }

    /** For events without an argument: {@code park()}, {@code gethostname()}. */
    static final class NoArgument {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation) {
            return AiocopBridge.enter(operation, (Object) null);
        }
    }

    /** For events whose argument is the first parameter, an object: a path, an address, a host name. */
    static final class FirstArgument {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.Argument(0) Object argument) {
            return AiocopBridge.enter(operation, argument);
        }
    }

    /** For events whose argument is the first parameter, a {@code long}: a duration in milliseconds. */
    static final class LongArgument {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.Argument(0) long argument) {
            return AiocopBridge.enter(operation, argument);
        }
    }

    /** For events described by the receiver: a {@code File}, a {@code ProcessBuilder}, a channel. */
    static final class Receiver {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.This Object self) {
            return AiocopBridge.enter(operation, self);
        }
    }

    /**
     * For a selectable channel's reads, writes and accepts, described by the channel: in non-blocking mode (every
     * Netty channel, on every I/O event) the call cannot block, so the advice answers it with the channel's own
     * volatile mode flag, before the bridge and its thread check, on every thread.
     */
    static final class BlockingModeChannel {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.This SelectableChannel self) {
            return self.isBlocking() && AiocopBridge.enter(operation, self);
        }
    }

    /** For events that name two parameters, the first two: {@code Files.move(source, target)}, {@code Files.copy}. */
    static final class FirstTwoArguments {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.Argument(0) Object first,
                @Advice.Argument(1) Object second) {
            return AiocopBridge.enter(operation, first, second);
        }
    }

    /**
     * For the streams of an {@code SSLSocket}, inner classes described by the socket that encloses them (its
     * {@code this$0}): the peer's address.
     */
    static final class OuterInstance {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.FieldValue("this$0") Object outer) {
            return AiocopBridge.enter(operation, outer);
        }
    }

    /**
     * For events described by the receiver and the first parameter: a channel's {@code connect(address)},
     * {@code File.renameTo(target)}.
     */
    static final class ReceiverAndArgument {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.This Object self,
                @Advice.Argument(0) Object argument) {
            return AiocopBridge.enter(operation, self, argument);
        }
    }

    /** For reads and writes on file streams and channels, which keep their path in a {@code path} field. */
    static final class PathField {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.This Object self,
                @Advice.FieldValue("path") String path) {
            return AiocopBridge.enter(operation, self, path);
        }
    }

    /** For reads and writes of {@code java.net.SocketImpl}s, which keep the peer in {@code address}/{@code port}. */
    static final class SocketFields {
        @Advice.OnMethodEnter
        static boolean enter(@Operation String operation, @Advice.FieldValue("address") Object address,
                @Advice.FieldValue("port") int port) {
            return AiocopBridge.enter(operation, address, port);
        }
    }

    /** For methods inside which blocking is allowed (or disallowed again): sets and restores a per-thread flag. */
    static final class Allowance {
        @Advice.OnMethodEnter
        static int enter(@Allowed int allowed) {
            return AiocopBridge.enterAllowance(allowed);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int previous) {
            AiocopBridge.restoreAllowance(previous);
        }
    }
}
