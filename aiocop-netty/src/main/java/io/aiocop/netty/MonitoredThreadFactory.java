package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.aiocop.internal.DropInLoopThread;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the threads of monitored groups: non-daemon {@link MonitoredLoopThread}s named {@code group-n}. Like
 * Netty's own factory's threads, they clear their {@code FastThreadLocal}s when their loop ends.
 */
final class MonitoredThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger threads = new AtomicInteger();

    MonitoredThreadFactory(String groupName) {
        this.prefix = groupName + "-";
    }

    @Override
    public Thread newThread(Runnable loop) {
        Thread thread = new MonitoredLoopThread(loop, prefix + threads.incrementAndGet());
        thread.setDaemon(false);
        thread.setPriority(Thread.NORM_PRIORITY);
        return thread;
    }

    /**
     * The class of every thread this factory makes. It exists so that the blocking-call agent can tell a loop
     * thread from any other by one exact class comparison, the cheapest check there is on the path of every
     * instrumented JDK call in the JVM, and so that zero-code mode's advice at Netty's task boundaries leaves it
     * alone with one such comparison, and it carries its monitor for the agent's hooks ({@link DropInLoopThread}). Final, so that no other class can pass for it.
     */
    static final class MonitoredLoopThread extends FastThreadLocalThread implements DropInLoopThread {

        /** The monitor bound to this thread; written and read on this thread only, by {@code TaskMonitor}. */
        private TaskMonitor monitor;

        MonitoredLoopThread(Runnable target, String name) {
            super(target, name);
        }

        @Override
        public TaskMonitor boundMonitor() {
            return monitor;
        }

        @Override
        public void bindMonitor(TaskMonitor monitor) {
            this.monitor = monitor;
        }
    }
}
