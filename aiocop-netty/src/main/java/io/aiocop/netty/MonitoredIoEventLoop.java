package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.RejectedExecutionHandler;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An I/O event loop that makes every unit of work it runs a task of its {@link TaskMonitor}.
 *
 * <ul>
 *   <li>Each task from the queue ({@code execute}, {@code submit}, {@code lazyExecute}, and each scheduled task,
 *       which Netty moves into the queue when due): {@link #pollTask()} is called before each one, and one
 *       {@code nanoTime} there ends the previous task and starts the next.</li>
 *   <li>The I/O processing of each iteration, without the wait, and on NIO each channel's dispatch:
 *       {@link MonitoredIoHandler}.</li>
 *   <li>The tail tasks of an iteration ({@code executeAfterEventLoopIteration}), together as one task, and the
 *       tasks Netty drains while shutting down, one task per drain: Netty runs both through a static poll that
 *       cannot be overridden.</li>
 * </ul>
 * Not covered: the wait itself, the shutdown hooks and Netty's few instructions between these units.
 */
final class MonitoredIoEventLoop extends SingleThreadIoEventLoop {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoredIoEventLoop.class);

    private final TaskMonitor monitor;
    private final LagProbe lagProbe;

    private MonitoredIoEventLoop(IoEventLoopGroup parent, Executor executor, IoHandlerFactory factory,
                                 TaskMonitor monitor, RejectedExecutionHandler rejected) {
        super(parent, new ThreadBindingExecutor(executor, monitor), MonitoredIoHandler.wrap(factory, monitor),
                DEFAULT_MAX_PENDING_TASKS, rejected, 0);
        this.monitor = monitor;
        this.lagProbe = new LagProbe(this, monitor);
        monitor.registerLoop(this::pendingTasks);
        terminationFuture().addListener(terminated -> monitor.unregisterLoop());
    }

    /**
     * Creates the next child of a monitored group.
     *
     * @param parent   the group
     * @param executor the executor the group gives its children
     * @param factory  the transport's handler factory
     * @param args     the args the group passed to its super constructor, holding its {@link GroupSettings}
     */
    static MonitoredIoEventLoop newChild(IoEventLoopGroup parent, Executor executor, IoHandlerFactory factory,
                                         Object[] args) {
        GroupSettings settings = GroupSettings.from(args);
        return new MonitoredIoEventLoop(parent, executor, factory, settings.newChildMonitor(),
                RejectedExecutionHandlers.reject());
    }

    TaskMonitor monitor() {
        return monitor;
    }

    /** Runs the loop, once per start and once per resume after a suspension, with its lag probe. */
    @Override
    protected void run() {
        lagProbe.start();
        try {
            super.run();
        } finally {
            TaskBoundaries.end(monitor);
        }
    }

    @Override
    protected int runIo() {
        // Every path that runs tasks ends them, so this finds none open; it guards the wait all the same.
        TaskBoundaries.end(monitor);
        return super.runIo();
    }

    @Override
    protected Runnable pollTask() {
        Runnable task = super.pollTask();
        if (task != null) {
            TaskBoundaries.begin(monitor, null);
        } else {
            TaskBoundaries.end(monitor);
        }
        return task;
    }

    /**
     * Ends the batch's last task when {@code runAllTasks(long)} stopped at its deadline, then times the tail tasks
     * that {@code super} runs. {@code hasTasks()} may also be true for a task that arrived meanwhile; then the
     * tail task is empty, which costs one {@code nanoTime} and reports nothing.
     */
    @Override
    protected void afterRunningAllTasks() {
        if (hasTasks()) {
            TaskBoundaries.begin(monitor, null);
        } else {
            TaskBoundaries.end(monitor);
        }
        super.afterRunningAllTasks();
        TaskBoundaries.end(monitor);
    }

    /** Only {@code confirmShutdown()} calls this: the drain while shutting down is one task. */
    @Override
    protected boolean runAllTasks() {
        return TaskBoundaries.timed(monitor, null, super::runAllTasks);
    }

    /** Compares the transport's handler, not the wrapper, so that transport checks keep working. */
    @Override
    public boolean isIoType(Class<? extends IoHandler> handlerType) {
        return handler().delegate().getClass().equals(handlerType);
    }

    /**
     * Rebuilds the NIO selector on the loop thread, as {@code NioEventLoop.rebuildSelector()} does. Netty keeps
     * the method package-private, so it is called reflectively; where that is refused (e.g. on the module path)
     * nothing happens but a log line: {@code NioIoHandler} rebuilds its selector by itself when it detects the
     * spinning-selector bug, which is what the manual rebuild works around.
     */
    void rebuildSelector() {
        if (!inEventLoop()) {
            execute(this::rebuildSelector);
            return;
        }
        IoHandler nio = handler().delegate();
        try {
            Method rebuild = nio.getClass().getDeclaredMethod("rebuildSelector0");
            rebuild.setAccessible(true);
            rebuild.invoke(nio);
        } catch (ReflectiveOperationException | RuntimeException refused) {
            LOG.info("cannot rebuild the selector of {} ({}); NioIoHandler rebuilds it by itself when it spins",
                    monitor.name(), refused.toString());
        }
    }

    private MonitoredIoHandler handler() {
        return (MonitoredIoHandler) ioHandler();
    }

    @Override
    public String toString() {
        return "MonitoredIoEventLoop[" + monitor.name() + "]";
    }
}
