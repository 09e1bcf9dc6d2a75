package io.aiocop.netty;

import io.aiocop.internal.Checks;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * A monitored {@code DefaultEventExecutorGroup}: the group handlers are added with, as in
 * {@code pipeline.addLast(group, "db", handler)}, to keep their blocking work off the event loops. Each task its
 * executors run is a task of aiocop: timed, its blocking calls recorded and reported like a loop's.
 *
 * <p>Blocking is what such a group is for, so it can be declared permitted:
 * {@code MonitoringOptions.builder().blockingPermitted(true)} keeps the reports but makes raise-on-violations never
 * refuse a call here. By default blocking is not permitted, as on a loop.
 *
 * <p>Thread-safe, like its parent.
 */
public class MonitoredEventExecutorGroup extends MultithreadEventExecutorGroup {

    private static final String DEFAULT_STEM = "monitoredEventExecutorGroup";

    /**
     * Creates a group with the default options.
     *
     * @param nThreads the number of executors, at least 1
     * @throws IllegalArgumentException when {@code nThreads <= 0}
     */
    public MonitoredEventExecutorGroup(int nThreads) {
        this(nThreads, MonitoringOptions.defaults());
    }

    /**
     * Creates a group whose threads come from the given factory.
     *
     * @param nThreads      the number of executors, at least 1
     * @param threadFactory the factory of the executor threads; null for this library's own
     * @throws IllegalArgumentException when {@code nThreads <= 0}
     */
    public MonitoredEventExecutorGroup(int nThreads, ThreadFactory threadFactory) {
        this(nThreads, threadFactory, MonitoringOptions.defaults());
    }

    /**
     * Creates a group with the given options.
     *
     * @param nThreads the number of executors, at least 1
     * @param options  the group's name, threshold, trace depth and whether blocking is permitted
     * @throws IllegalArgumentException when {@code nThreads <= 0}
     * @throws NullPointerException     when {@code options} is null
     */
    public MonitoredEventExecutorGroup(int nThreads, MonitoringOptions options) {
        this(nThreads, null, options);
    }

    /**
     * Creates a group with the given options whose threads come from the given factory.
     *
     * @param nThreads      the number of executors, at least 1
     * @param threadFactory the factory of the executor threads; null for this library's own
     * @param options       the group's name, threshold, trace depth and whether blocking is permitted
     * @throws IllegalArgumentException when {@code nThreads <= 0}
     * @throws NullPointerException     when {@code options} is null
     */
    public MonitoredEventExecutorGroup(int nThreads, ThreadFactory threadFactory, MonitoringOptions options) {
        this(nThreads, threadFactory, GroupSettings.of(options, DEFAULT_STEM));
    }

    private MonitoredEventExecutorGroup(int nThreads, ThreadFactory threadFactory, GroupSettings settings) {
        super(checkThreads(nThreads), settings.executor(null, threadFactory), settings);
    }

    private static int checkThreads(int nThreads) {
        Checks.requireArgument(nThreads > 0, "nThreads must be > 0, was %d", nThreads);
        return nThreads;
    }

    /**
     * Creates a monitored executor. Called by Netty from inside the constructor, before this class's fields are
     * set.
     *
     * @param executor the executor that runs the child
     * @param args     the group's settings
     * @return the executor
     */
    @Override
    protected EventExecutor newChild(Executor executor, Object... args) {
        return MonitoredEventExecutor.newChild(this, executor, args);
    }
}
