package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.aiocop.internal.Checks;
import io.aiocop.internal.LibraryCode;
import io.netty.util.concurrent.RejectedExecutionHandler;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one monitored group tells each of its children: the options, the group's resolved name and the next
 * child's number.
 *
 * <p>Netty creates the children from inside the group's super constructor, before the group's own fields are set,
 * so this object travels to {@code newChild} in the constructor's {@code args}. {@code NioEventLoopGroup}'s
 * constructors only pass a {@link RejectedExecutionHandler} there, hence this class is one: it rejects exactly as
 * Netty's default handler does.
 */
final class GroupSettings implements RejectedExecutionHandler {

    private static final AtomicInteger GROUP_IDS = new AtomicInteger();

    static {
        LibraryCode.registerModule(GroupSettings.class);
    }

    private final MonitoringOptions options;
    private final String name;
    private final AtomicInteger children = new AtomicInteger();

    private GroupSettings(MonitoringOptions options, String name) {
        this.options = options;
        this.name = name;
    }

    /**
     * Resolves the settings of a new group.
     *
     * @param options      the user's options
     * @param defaultStem  the stem of a generated name, e.g. {@code "monitoredEventLoopGroup"}
     * @throws NullPointerException when {@code options} is null
     */
    static GroupSettings of(MonitoringOptions options, String defaultStem) {
        Checks.requireNonNull(options, "options");
        String name = options.name() != null ? options.name() : defaultStem + "-" + GROUP_IDS.incrementAndGet();
        return new GroupSettings(options, name);
    }

    /** Finds the settings among the {@code args} that a group passed to its super constructor. */
    static GroupSettings from(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof GroupSettings) {
                return (GroupSettings) arg;
            }
        }
        throw new IllegalStateException("monitored group created a child without its settings; args were "
                + java.util.Arrays.toString(args));
    }

    /**
     * Returns the executor the group's children start their threads with: the user's executor, else a
     * thread-per-loop executor on the user's thread factory, else one on this library's thread factory, whose
     * threads the agent recognises by their exact class.
     */
    Executor executor(Executor userExecutor, ThreadFactory userThreadFactory) {
        if (userExecutor != null) {
            return userExecutor;
        }
        return new ThreadPerTaskExecutor(userThreadFactory != null ? userThreadFactory
                : new MonitoredThreadFactory(name));
    }

    /** Builds the monitor of the next child. */
    TaskMonitor newChildMonitor() {
        return options.newMonitor(name, name + "-" + children.incrementAndGet());
    }

    String name() {
        return name;
    }

    @Override
    public void rejected(Runnable task, SingleThreadEventExecutor executor) {
        RejectedExecutionHandlers.reject().rejected(task, executor);
    }

    @Override
    public String toString() {
        return "GroupSettings[" + name + ", " + options + "]";
    }
}
