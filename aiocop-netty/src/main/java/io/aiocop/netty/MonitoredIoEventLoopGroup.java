package io.aiocop.netty;

import io.aiocop.internal.Checks;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorChooserFactory;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * A {@link MultiThreadIoEventLoopGroup} for any transport whose every unit of work is timed and checked by aiocop:
 * the Netty 4.2 way to write {@link MonitoredEventLoopGroup}.
 *
 * <pre>{@code
 * EventLoopGroup group = new MonitoredIoEventLoopGroup(NioIoHandler.newFactory());
 * EventLoopGroup epoll = new MonitoredIoEventLoopGroup(0, EpollIoHandler.newFactory(),
 *         MonitoringOptions.builder().name("edge").build());
 * }</pre>
 *
 * <p>Each task ({@code execute}, {@code submit}, {@code lazyExecute}, scheduled tasks when they run) and the I/O
 * processing of each loop iteration, without the select/epoll/io_uring wait, is a task of the loop's
 * {@link io.aiocop.TaskMonitor}. With NIO each channel's I/O dispatch is a task of its own carrying the channel in
 * its context; with the native transports a channel's dispatch is part of the iteration's I/O task, which has no
 * channel context.
 *
 * <p>Thread-safe, like its parent.
 */
public class MonitoredIoEventLoopGroup extends MultiThreadIoEventLoopGroup {

    private static final String DEFAULT_STEM = "monitoredIoEventLoopGroup";

    /**
     * Creates a group with the default number of threads and the default options.
     *
     * @param ioHandlerFactory the transport, e.g. {@code NioIoHandler.newFactory()}
     * @throws NullPointerException when {@code ioHandlerFactory} is null
     */
    public MonitoredIoEventLoopGroup(IoHandlerFactory ioHandlerFactory) {
        this(0, ioHandlerFactory);
    }

    /**
     * Creates a group with the default options.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param ioHandlerFactory the transport
     * @throws NullPointerException when {@code ioHandlerFactory} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, IoHandlerFactory ioHandlerFactory) {
        this(nThreads, ioHandlerFactory, MonitoringOptions.defaults());
    }

    /**
     * Creates a group whose threads come from the given factory.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param threadFactory    the factory of the loop threads; null for this library's own
     * @param ioHandlerFactory the transport
     * @throws NullPointerException when {@code ioHandlerFactory} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, ThreadFactory threadFactory, IoHandlerFactory ioHandlerFactory) {
        this(nThreads, threadFactory, ioHandlerFactory, MonitoringOptions.defaults());
    }

    /**
     * Creates a group whose loops run on threads of the given executor.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param executor         the executor that runs each loop; null for a thread per loop from this library's
     *                         factory
     * @param ioHandlerFactory the transport
     * @throws NullPointerException when {@code ioHandlerFactory} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, Executor executor, IoHandlerFactory ioHandlerFactory) {
        this(nThreads, executor, ioHandlerFactory, MonitoringOptions.defaults());
    }

    /**
     * Creates a group with the given options.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param ioHandlerFactory the transport
     * @param options          the group's name, threshold and trace depth
     * @throws NullPointerException when {@code ioHandlerFactory} or {@code options} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, IoHandlerFactory ioHandlerFactory, MonitoringOptions options) {
        this(nThreads, null, null, ioHandlerFactory, GroupSettings.of(options, DEFAULT_STEM));
    }

    /**
     * Creates a group with the given options whose threads come from the given factory.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param threadFactory    the factory of the loop threads; null for this library's own
     * @param ioHandlerFactory the transport
     * @param options          the group's name, threshold and trace depth
     * @throws NullPointerException when {@code ioHandlerFactory} or {@code options} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, ThreadFactory threadFactory, IoHandlerFactory ioHandlerFactory,
                                     MonitoringOptions options) {
        this(nThreads, null, threadFactory, ioHandlerFactory, GroupSettings.of(options, DEFAULT_STEM));
    }

    /**
     * Creates a group with the given options whose loops run on threads of the given executor.
     *
     * @param nThreads         the number of loops, 0 for the default
     * @param executor         the executor that runs each loop; null for a thread per loop from this library's
     *                         factory
     * @param ioHandlerFactory the transport
     * @param options          the group's name, threshold and trace depth
     * @throws NullPointerException when {@code ioHandlerFactory} or {@code options} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, Executor executor, IoHandlerFactory ioHandlerFactory,
                                     MonitoringOptions options) {
        this(nThreads, executor, null, ioHandlerFactory, GroupSettings.of(options, DEFAULT_STEM));
    }

    /**
     * Creates a group with the given options and executor chooser, e.g. Netty's
     * {@code AutoScalingEventExecutorChooserFactory}. With auto-scaling a suspended loop resumes on another thread;
     * monitoring follows it there. A loop asked to suspend stops its lag probe, which would keep it from suspending,
     * and starts it again when it resumes: suspension waits for at most one probe interval.
     *
     * @param nThreads         the maximum number of loops, 0 for the default
     * @param executor         the executor that runs each loop; null for a thread per loop from this library's
     *                         factory
     * @param chooserFactory   how the group picks a loop for each new channel
     * @param ioHandlerFactory the transport
     * @param options          the group's name, threshold and trace depth
     * @throws NullPointerException when {@code chooserFactory}, {@code ioHandlerFactory} or {@code options} is null
     */
    public MonitoredIoEventLoopGroup(int nThreads, Executor executor, EventExecutorChooserFactory chooserFactory,
                                     IoHandlerFactory ioHandlerFactory, MonitoringOptions options) {
        this(nThreads, executor, null, Checks.requireNonNull(chooserFactory, "chooserFactory"), ioHandlerFactory,
                GroupSettings.of(options, DEFAULT_STEM));
    }

    private MonitoredIoEventLoopGroup(int nThreads, Executor executor, ThreadFactory threadFactory,
                                      IoHandlerFactory ioHandlerFactory, GroupSettings settings) {
        this(nThreads, executor, threadFactory, DefaultEventExecutorChooserFactory.INSTANCE, ioHandlerFactory,
                settings);
    }

    private MonitoredIoEventLoopGroup(int nThreads, Executor executor, ThreadFactory threadFactory,
                                      EventExecutorChooserFactory chooserFactory, IoHandlerFactory ioHandlerFactory,
                                      GroupSettings settings) {
        super(Checks.requireNonNegative(nThreads, "nThreads"), settings.executor(executor, threadFactory),
                Checks.requireNonNull(ioHandlerFactory, "ioHandlerFactory"), chooserFactory, settings);
    }

    /**
     * Creates a monitored loop. Called by Netty from inside the constructor, before this class's fields are set.
     *
     * @param executor         the executor that runs the loop
     * @param ioHandlerFactory the transport's handler factory
     * @param args             the group's settings
     * @return the loop
     */
    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
        return MonitoredIoEventLoop.newChild(this, executor, ioHandlerFactory, args);
    }
}
