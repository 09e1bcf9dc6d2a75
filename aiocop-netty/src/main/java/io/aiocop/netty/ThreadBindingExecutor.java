package io.aiocop.netty;

import io.aiocop.TaskMonitor;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.Executor;

/**
 * Wraps the executor a Netty executor starts its thread with, so that whichever thread runs the loop is bound to
 * the loop's {@link TaskMonitor} for exactly as long as it runs it. With suspension and auto-scaling a loop can
 * move to another thread; the loop body runs once per move, so this costs nothing per task.
 *
 * <p>Only the thread-local binding is touched here, never the monitor's task state: Netty releases the loop's
 * processing lock before this wrapper's {@code finally} runs, so a new thread may already be driving the monitor.
 * The loop itself ends any open task before its {@code run()} returns, and the processing lock orders the old
 * thread's writes before the new thread's reads.
 */
final class ThreadBindingExecutor implements Executor {

    private final Executor delegate;
    private final TaskMonitor monitor;

    ThreadBindingExecutor(Executor delegate, TaskMonitor monitor) {
        this.delegate = delegate;
        this.monitor = monitor;
    }

    @Override
    public void execute(Runnable loopBody) {
        delegate.execute(() -> {
            Thread thread = Thread.currentThread();
            // Netty's own opt-out: a FastThreadLocalThread that permits blocking calls is never refused.
            monitor.bindToCurrentThread(thread instanceof FastThreadLocalThread
                    && ((FastThreadLocalThread) thread).permitBlockingCalls());
            try {
                loopBody.run();
            } finally {
                monitor.unbindFromCurrentThread();
            }
        });
    }

    @Override
    public String toString() {
        return "ThreadBindingExecutor[" + monitor.name() + " on " + delegate + "]";
    }
}
