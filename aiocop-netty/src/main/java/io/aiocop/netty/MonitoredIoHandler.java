package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ThreadAwareExecutor;

/**
 * Wraps a transport's {@link IoHandler} so that the I/O processing of each loop iteration is a task, without the
 * select/epoll/io_uring wait, and on NIO so that each channel's I/O dispatch is a task of its own.
 *
 * <p>Where the wait ends: the NIO, epoll and io_uring handlers of Netty 4.2 ask
 * {@link IoHandlerContext#shouldReportActiveIoTime()} right after their wait returns and before they process what
 * is ready (and in their nothing-ready branches), so the context this handler passes down starts the iteration's
 * I/O task there and answers as the loop's own context does. The task ends at the loop's next task boundary, i.e.
 * when the loop polls its task queue. Auto-scaling keeps working because active I/O time is still forwarded.
 */
final class MonitoredIoHandler implements IoHandler {

    private final IoHandler delegate;
    private final TaskMonitor monitor;
    private final boolean nio;
    private final IterationContext context = new IterationContext();

    private MonitoredIoHandler(IoHandler delegate, TaskMonitor monitor) {
        this.delegate = delegate;
        this.monitor = monitor;
        this.nio = delegate instanceof NioIoHandler;
    }

    /**
     * Returns a factory whose handlers are the given factory's, wrapped for one loop's monitor.
     *
     * @param factory the transport's factory
     * @param monitor the monitor of the loop that will call the factory
     */
    static IoHandlerFactory wrap(IoHandlerFactory factory, TaskMonitor monitor) {
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new MonitoredIoHandler(factory.newHandler(executor), monitor);
            }

            @Override
            public boolean isChangingThreadSupported() {
                return factory.isChangingThreadSupported();
            }

            @Override
            public String toString() {
                return "Monitored(" + factory + ")";
            }
        };
    }

    /** Returns the transport's own handler. */
    IoHandler delegate() {
        return delegate;
    }

    @Override
    public void initialize() {
        delegate.initialize();
    }

    @Override
    public int run(IoHandlerContext loopContext) {
        context.loop = loopContext;
        return delegate.run(context);
    }

    /** Closing every channel runs their handlers ({@code channelInactive} and so on): time it as a task. */
    @Override
    public void prepareToDestroy() {
        TaskBoundaries.timed(monitor, null, () -> {
            delegate.prepareToDestroy();
            return null;
        });
    }

    @Override
    public void destroy() {
        TaskBoundaries.timed(monitor, null, () -> {
            delegate.destroy();
            return null;
        });
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        if (nio && handle instanceof NioIoHandle) {
            return delegate.register(new MonitoredNioIoHandle((NioIoHandle) handle, monitor));
        }
        return delegate.register(handle);
    }

    /** Called from any thread to wake the loop up. */
    @Override
    public void wakeup() {
        delegate.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return delegate.isCompatible(handleType);
    }

    @Override
    public String toString() {
        return "MonitoredIoHandler[" + monitor.name() + ", " + delegate + "]";
    }

    /** The context the transport sees: the loop's own, plus the start of the iteration's I/O task. */
    private final class IterationContext implements IoHandlerContext {

        /** The loop's context; Netty passes the same one on every iteration, from the loop thread. */
        IoHandlerContext loop;

        @Override
        public boolean canBlock() {
            return loop.canBlock();
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return loop.delayNanos(currentTimeNanos);
        }

        @Override
        public long deadlineNanos() {
            return loop.deadlineNanos();
        }

        @Override
        public boolean shouldReportActiveIoTime() {
            TaskBoundaries.beginIteration(monitor);
            return loop.shouldReportActiveIoTime();
        }

        /**
         * Forwarded only: the loop's health counts as I/O time the units this context and each channel's dispatch
         * begin, which end at the loop's next task boundary, from the timestamps aiocop already takes. Netty calls
         * this only when the loop's own context asked for it (auto-scaling); asking for it always would cost two more
         * {@code nanoTime} per iteration for the same span.
         */
        @Override
        public void reportActiveIoTime(long activeNanos) {
            loop.reportActiveIoTime(activeNanos);
        }
    }
}
