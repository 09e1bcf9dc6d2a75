package io.aiocop.bench;

import example.app.ApplicationStack;
import io.aiocop.Aiocop;
import io.aiocop.SlowTaskCallback;
import io.aiocop.TaskMonitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Family 4, recording cost on a monitored thread: a {@link TaskMonitor} bound to the benchmark thread runs one
 * task per operation; {@code taskWithOneEvent} records one blocking event in it (through
 * {@link Aiocop#audit(String, String)}, the entry point the agent's advice shares) with a stack trace of
 * {@code traceDepth} frames, {@code taskWithoutEvent} is the same task without the event. The difference is the
 * cost of one recorded event. {@code taskWithOneEventReported} adds what follows for such a task: building the
 * {@code SlowTaskEvent} and calling a registered (no-op) callback.
 *
 * <p>The call is made {@code stackDepth} frames deep in {@link ApplicationStack} (32 by default), outside
 * {@code io.aiocop}, so that every trace is filled to its depth with application frames, as in a real handler;
 * {@code -p stackDepth=8,32,128} shows how the cost grows with the depth of the stack rather than of the trace
 * (the backtrace covers the whole stack; the entry-point walk stops at the first application frame).
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar EventRecordingBenchmark}; cost against stack depth:
 * {@code java -jar aiocop-bench/target/benchmarks.jar 'EventRecordingBenchmark.taskWith(outEvent|OneEvent)$'
 * -p traceDepth=20 -p stackDepth=8,32,128 -f 2 -prof gc}
 */
@State(Scope.Thread)
// Stack walking reaches its steady state late (the first run's measured iterations fell from 40 us to 10 us per
// event over 3 s), so this family warms up longer than the default.
@Warmup(iterations = 5, time = 2)
public class EventRecordingBenchmark extends MonitoredThreadBenchmark {

    /** Application frames above the benchmark method when the event is made; by default more than the deepest trace. */
    @Param({"32"})
    public int stackDepth;

    /** Frames kept per event. */
    @Param({"5", "20"})
    public int traceDepth;

    /** Starts detection with the trace depth under test; the default (logging) reporter is off. */
    @Setup(Level.Trial)
    public void setUp() {
        Aiocop.disableDefaultReporter();
        Aiocop.activate();
        Aiocop.startBlockingIoDetection(traceDepth);
        monitor = TaskMonitor.builder("recording-benchmark").build();
    }

    /** Stops detection. */
    @TearDown(Level.Trial)
    public void tearDown() {
        Aiocop.stopBlockingIoDetection();
    }

    /** A monitored task that records nothing: the baseline. */
    @Benchmark
    public void taskWithoutEvent() {
        monitor.beginTask();
        ApplicationStack.callAtDepth(stackDepth, ApplicationStack::nothing);
        monitor.endTask();
    }

    /** A monitored task that records one blocking event; no callback, so it is not reported. */
    @Benchmark
    public void taskWithOneEvent() {
        monitor.beginTask();
        ApplicationStack.callAtDepth(stackDepth, ApplicationStack::readConfigFile);
        monitor.endTask();
    }

    /**
     * A monitored task that records one blocking event and is reported to a callback.
     *
     * @param callback registers the callback for this method's forks only
     */
    @Benchmark
    public void taskWithOneEventReported(RegisteredCallback callback) {
        monitor.beginTask();
        ApplicationStack.callAtDepth(stackDepth, ApplicationStack::readConfigFile);
        monitor.endTask();
    }

    /** A no-op callback, registered only in the forks of the benchmark methods that take this state. */
    @State(Scope.Benchmark)
    public static class RegisteredCallback {

        private final SlowTaskCallback callback = event -> { };

        /** Registers the callback. */
        @Setup(Level.Trial)
        public void register() {
            Aiocop.registerSlowTaskCallback(callback);
        }

        /** Removes it. */
        @TearDown(Level.Trial)
        public void unregister() {
            Aiocop.unregisterSlowTaskCallback(callback);
        }
    }
}
