package io.aiocop.netty;

import io.aiocop.internal.Checks;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorChooserFactory;
import io.netty.util.concurrent.EventExecutor;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The drop-in: a {@link NioEventLoopGroup} whose every unit of work is timed and checked by aiocop. Replace
 * {@code new NioEventLoopGroup(...)} with {@code new MonitoredEventLoopGroup(...)} in a bootstrap and nothing else
 * changes:
 *
 * <pre>{@code
 * EventLoopGroup boss = new MonitoredEventLoopGroup(1);
 * EventLoopGroup workers = new MonitoredEventLoopGroup();
 * new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class) ...
 * }</pre>
 *
 * <p>Each task ({@code execute}, {@code submit}, {@code lazyExecute}, scheduled tasks when they run), the I/O
 * processing of each loop iteration (without the select wait) and each channel's I/O dispatch is a task of the
 * loop's {@link io.aiocop.TaskMonitor}: blocking calls made in it are recorded, and a task that recorded one or ran
 * past the threshold is reported to the callbacks of {@link io.aiocop.Aiocop}. A channel's dispatch carries the
 * channel in {@link io.aiocop.SlowTaskEvent#context()}: {@code channel.id}, {@code channel.remoteAddress},
 * {@code channel.localAddress}.
 *
 * <p>The children are not {@code NioEventLoop}s (that class is final), so code that casts a child to
 * {@code NioEventLoop} fails; {@link #rebuildSelectors()} is overridden for that reason. Netty deprecates this
 * class's parent in favour of {@link MonitoredIoEventLoopGroup} with {@code NioIoHandler.newFactory()}.
 *
 * <p>Without a {@link ThreadFactory} or {@link Executor} argument the loops run on this library's own thread class,
 * which the blocking-call agent recognises with one exact class comparison; with one, prefer threads of a class of
 * their own over plain {@link Thread}s, which would make that check pass for every plain thread in the JVM.
 *
 * <p>Thread-safe, like its parent.
 */
@SuppressWarnings("deprecation") // NioEventLoopGroup: extending it is the point of a drop-in replacement.
public class MonitoredEventLoopGroup extends NioEventLoopGroup {

    private static final String DEFAULT_STEM = "monitoredEventLoopGroup";

    /**
     * Creates a group with the default number of threads (twice the processors, or
     * {@code io.netty.eventLoopThreads}) and the default options.
     */
    public MonitoredEventLoopGroup() {
        this(0);
    }

    /**
     * Creates a group with the default options.
     *
     * @param nThreads the number of loops, 0 for the default
     */
    public MonitoredEventLoopGroup(int nThreads) {
        this(nThreads, MonitoringOptions.defaults());
    }

    /**
     * Creates a group with the default number of threads whose threads come from the given factory.
     *
     * @param threadFactory the factory of the loop threads
     */
    public MonitoredEventLoopGroup(ThreadFactory threadFactory) {
        this(0, threadFactory);
    }

    /**
     * Creates a group whose threads come from the given factory.
     *
     * @param nThreads      the number of loops, 0 for the default
     * @param threadFactory the factory of the loop threads; null for this library's own
     */
    public MonitoredEventLoopGroup(int nThreads, ThreadFactory threadFactory) {
        this(nThreads, threadFactory, MonitoringOptions.defaults());
    }

    /**
     * Creates a group whose loops run on threads of the given executor.
     *
     * @param nThreads the number of loops, 0 for the default
     * @param executor the executor that runs each loop; null for a thread per loop from this library's factory
     */
    public MonitoredEventLoopGroup(int nThreads, Executor executor) {
        this(nThreads, executor, MonitoringOptions.defaults());
    }

    /**
     * Creates a group with the given options.
     *
     * @param nThreads the number of loops, 0 for the default
     * @param options  the group's name, threshold and trace depth
     * @throws NullPointerException when {@code options} is null
     */
    public MonitoredEventLoopGroup(int nThreads, MonitoringOptions options) {
        this(nThreads, null, null, GroupSettings.of(options, DEFAULT_STEM));
    }

    /**
     * Creates a group with the given options whose threads come from the given factory.
     *
     * @param nThreads      the number of loops, 0 for the default
     * @param threadFactory the factory of the loop threads; null for this library's own
     * @param options       the group's name, threshold and trace depth
     * @throws NullPointerException when {@code options} is null
     */
    public MonitoredEventLoopGroup(int nThreads, ThreadFactory threadFactory, MonitoringOptions options) {
        this(nThreads, null, threadFactory, GroupSettings.of(options, DEFAULT_STEM));
    }

    /**
     * Creates a group with the given options whose loops run on threads of the given executor.
     *
     * @param nThreads the number of loops, 0 for the default
     * @param executor the executor that runs each loop; null for a thread per loop from this library's factory
     * @param options  the group's name, threshold and trace depth
     * @throws NullPointerException when {@code options} is null
     */
    public MonitoredEventLoopGroup(int nThreads, Executor executor, MonitoringOptions options) {
        this(nThreads, executor, null, GroupSettings.of(options, DEFAULT_STEM));
    }

    private MonitoredEventLoopGroup(int nThreads, Executor executor, ThreadFactory threadFactory,
                                    GroupSettings settings) {
        // The settings ride in the RejectedExecutionHandler slot: the only one NioEventLoopGroup hands to newChild.
        super(Checks.requireNonNegative(nThreads, "nThreads"), settings.executor(executor, threadFactory),
                DefaultEventExecutorChooserFactory.INSTANCE,
                SelectorProvider.provider(), DefaultSelectStrategyFactory.INSTANCE, settings);
    }

    /**
     * Rebuilds each loop's selector, as {@link NioEventLoopGroup#rebuildSelectors()} does; see the class comment.
     */
    @Override
    public void rebuildSelectors() {
        for (EventExecutor loop : this) {
            ((MonitoredIoEventLoop) loop).rebuildSelector();
        }
    }

    /**
     * Creates a monitored loop. Called by Netty from inside the constructor, before this class's fields are set.
     *
     * @param executor         the executor that runs the loop
     * @param ioHandlerFactory the NIO handler factory
     * @param args             the group's settings
     * @return the loop
     */
    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
        return MonitoredIoEventLoop.newChild(this, executor, ioHandlerFactory, args);
    }
}
