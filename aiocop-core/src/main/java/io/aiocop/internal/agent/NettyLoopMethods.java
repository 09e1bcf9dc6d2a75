package io.aiocop.internal.agent;

import static io.aiocop.internal.agent.InstrumentationTarget.loopBoundary;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.aiocop.internal.agent.LoopBoundaryAdvice.IoPass;
import io.aiocop.internal.agent.LoopBoundaryAdvice.LoopExit;
import io.aiocop.internal.agent.LoopBoundaryAdvice.TaskPolled;
import java.util.List;

/**
 * The Netty methods that zero-code mode instruments, by name, so that the event loops an application (or
 * reactor-netty, Vert.x, gRPC) builds itself are timed like a {@code MonitoredEventLoopGroup}: the one place that
 * knows Netty's task path per Netty version. Checked against 4.1.137.Final and 4.2.18.Final.
 *
 * <ul>
 *   <li>Tasks, 4.1 and 4.2: {@code SingleThreadEventExecutor.pollTaskFrom(Queue)} (static) returns every task the
 *       loop runs from its queues: {@code pollTask()} calls it for {@code runAllTasks(long)} (tasks, and scheduled
 *       tasks once due, which {@code fetchFromScheduledTaskQueue} moves into the queue), {@code runAllTasksFrom}
 *       calls it for tail tasks and for the drains of {@code runAllTasks()} (4.1 with {@code ioRatio} 100, and
 *       {@code confirmShutdown}). A null return ends the last task.</li>
 *   <li>I/O, without the selector's wait: 4.2 {@code NioIoHandler.processSelectedKeys()} and
 *       {@code EpollIoHandler.processReady(..)}, called by their {@code run(IoHandlerContext)} after the wait;
 *       4.1 {@code NioEventLoop.processSelectedKeys()} and {@code EpollEventLoop.processReady(..)}, called by
 *       their {@code run()} after the wait. io_uring and kqueue I/O passes are not timed (their tasks are).</li>
 *   <li>End of a loop thread: the loops' {@code run()} (4.2 {@code SingleThreadIoEventLoop}; 4.1
 *       {@code NioEventLoop}, {@code EpollEventLoop}, {@code KQueueEventLoop}; both {@code DefaultEventLoop}).</li>
 * </ul>
 * Not timed, as on the drop-in groups: the wait itself, shutdown hooks, and {@code DefaultEventExecutor}'s tasks,
 * which it takes with {@code takeTask()}.
 */
final class NettyLoopMethods {

    static final String EXECUTOR = "io.netty.util.concurrent.SingleThreadEventExecutor";

    private NettyLoopMethods() {
    }

    /** Returns every loop-boundary target. */
    static List<InstrumentationTarget> targets() {
        return List.of(
                loopBoundary(EXECUTOR, named("pollTaskFrom").and(isStatic()).and(takesArguments(1)), TaskPolled.class),
                // Netty 4.2
                loopBoundary("io.netty.channel.nio.NioIoHandler", named("processSelectedKeys").and(takesArguments(0)),
                        IoPass.class),
                loopBoundary("io.netty.channel.epoll.EpollIoHandler", named("processReady"), IoPass.class),
                loopBoundary("io.netty.channel.SingleThreadIoEventLoop", named("run").and(takesArguments(0)),
                        LoopExit.class),
                // Netty 4.1
                loopBoundary("io.netty.channel.nio.NioEventLoop", named("processSelectedKeys").and(takesArguments(0)),
                        IoPass.class),
                loopBoundary("io.netty.channel.epoll.EpollEventLoop", named("processReady"), IoPass.class),
                loopBoundary("io.netty.channel.nio.NioEventLoop", named("run").and(takesArguments(0)), LoopExit.class),
                loopBoundary("io.netty.channel.epoll.EpollEventLoop", named("run").and(takesArguments(0)),
                        LoopExit.class),
                loopBoundary("io.netty.channel.kqueue.KQueueEventLoop", named("run").and(takesArguments(0)),
                        LoopExit.class),
                // Both
                loopBoundary("io.netty.channel.DefaultEventLoop", named("run").and(takesArguments(0)),
                        LoopExit.class));
    }
}
