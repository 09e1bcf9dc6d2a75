package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Family 6, an instrumented call on a monitored thread, with the aiocop agent installed: what the agent adds to a
 * real blocking call (a {@code File.exists} stat of a file in the page cache) made inside a monitored task, by
 * path the call takes:
 * <ul>
 *   <li>{@code detection-off}: detection stopped, so the advice finds the thread's monitor and returns: the
 *       baseline;</li>
 *   <li>{@code below-minimum}: the call is accepted, described, and timed at enter and exit (two ticker reads),
 *       then left out because it returned faster than {@code setMinBlockingCallDurationMicros} (one hour): the cost
 *       of the enter/exit timestamps and the description, without recording;</li>
 *   <li>{@code recorded}: the call is recorded as an event with a 20-frame trace and its duration.</li>
 * </ul>
 * No callback is registered and the default reporter is off, so no task is reported.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar RecordedCallBenchmark}
 */
@State(Scope.Thread)
public class RecordedCallBenchmark extends MonitoredThreadBenchmark {

    /** The path the call takes, see the class comment. */
    @Param({"detection-off", "below-minimum", "recorded"})
    public String path;

    private File file;

    /** Installs the agent and sets detection up for the path under test. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Detectors.install(Variant.AGENT);
        Aiocop.disableDefaultReporter();
        Aiocop.activate();
        Aiocop.startBlockingIoDetection(20);
        switch (path) {
            case "detection-off":
                Aiocop.stopBlockingIoDetection();
                break;
            case "below-minimum":
                Aiocop.setMinBlockingCallDurationMicros(TimeUnit.HOURS.toMicros(1));
                break;
            case "recorded":
                break;
            default:
                throw new IllegalArgumentException("unknown path '" + path + "'");
        }
        monitor = TaskMonitor.builder("recorded-call-benchmark").thresholdMs(600_000).build();
        file = Files.createTempFile("aiocop-bench-", ".bin").toFile();
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() {
        file.delete();
    }

    /**
     * One monitored task that stats the file.
     *
     * @return whether the file exists
     */
    @Benchmark
    public boolean statInTask() {
        monitor.beginTask();
        boolean exists = file.exists();
        monitor.endTask();
        return exists;
    }
}
