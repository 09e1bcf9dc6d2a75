package io.aiocop.internal.agent;

import io.aiocop.internal.bootstrap.AiocopBridge;
import net.bytebuddy.asm.Advice;

/**
 * The advice templates that the agent inlines into Netty's event executors in zero-code mode. They use only JDK
 * types and the bootstrap {@link AiocopBridge}, so the same advice works in every class loader and every Netty
 * version, and aiocop never needs Netty on its class path. Each passes the instrumented class as a constant, from
 * which aiocop learns, once per loop thread, which Netty the loop belongs to.
 *
 * <p>Exit advice is {@code suppress}ed and the bridge swallows everything: a failure in aiocop never reaches the
 * loop.
 */
final class LoopBoundaryAdvice {

    private LoopBoundaryAdvice() {
    }

    /**
     * On {@code SingleThreadEventExecutor.pollTaskFrom(Queue)}, through which every task of a single-threaded
     * executor's queue passes on Netty 4.1 and 4.2 (tasks, due scheduled tasks, tail tasks, drains at shutdown):
     * one {@code nanoTime} ends the previous task and starts the next, or ends the last one when the queue is empty,
     * exactly as {@code MonitoredIoEventLoop.pollTask()} does.
     */
    static final class TaskPolled {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object task, @Advice.Origin Class<?> netty) {
            AiocopBridge.loopBoundary(task != null ? AiocopBridge.LOOP_BEGIN : AiocopBridge.LOOP_END, netty);
        }
    }

    /** On the method that processes the ready channels after the selector's wait returned: one I/O pass. */
    static final class IoPass {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Origin Class<?> netty) {
            AiocopBridge.loopBoundary(AiocopBridge.LOOP_IO_BEGIN, netty);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Origin Class<?> netty) {
            AiocopBridge.loopBoundary(AiocopBridge.LOOP_END, netty);
        }
    }

    /** On an event loop's {@code run()}: when it returns, the thread no longer runs that loop. */
    static final class LoopExit {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Origin Class<?> netty) {
            AiocopBridge.loopBoundary(AiocopBridge.LOOP_EXIT, netty);
        }
    }
}
