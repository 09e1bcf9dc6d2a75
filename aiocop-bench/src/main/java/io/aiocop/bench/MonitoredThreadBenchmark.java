package io.aiocop.bench;

import io.aiocop.TaskMonitor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The base of families that run monitored tasks on the benchmark thread itself: a {@link TaskMonitor} bound to the
 * thread that runs each iteration (JMH runs iteration setup there for thread-scoped state).
 */
public abstract class MonitoredThreadBenchmark extends AbstractBenchmark {

    /** The monitor, built by the subclass's trial setup. */
    protected TaskMonitor monitor;

    /** Subclasses are JMH state classes; JMH instantiates them. */
    protected MonitoredThreadBenchmark() {
    }

    /** Binds the monitor on the thread that will run the iteration. */
    @Setup(Level.Iteration)
    public void bind() {
        monitor.bindToCurrentThread();
    }

    /** Unbinds the monitor. */
    @TearDown(Level.Iteration)
    public void unbind() {
        monitor.unbindFromCurrentThread();
    }
}
