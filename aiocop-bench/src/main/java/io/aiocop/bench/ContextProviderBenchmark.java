package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.ContextProvider;
import io.aiocop.SlowTaskCallback;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a registered context provider costs per task on a monitored loop: nothing on a clean task (providers run
 * only for reported tasks), one call and one copy of its map on a task that is reported.
 *
 * <p>Scores are ns per task, {@value #BATCH} tasks per operation. {@code providers}: {@code none}, {@code small}
 * (one provider returning a 2-entry map), {@code large} (one provider returning a 100 000-entry map, the case
 * that made requests 45 times slower when providers ran at every task start). No default reporter; a no-op
 * callback makes the reporting path run in full.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar ContextProviderBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
public class ContextProviderBenchmark extends AbstractBenchmark {

    /** Tasks per operation. */
    static final int BATCH = 256;

    private static final SlowTaskCallback IGNORE = event -> { };

    /** The loops: aiocop's monitored ones. */
    @Param({"monitored"})
    public String variant;

    /** Which provider is registered. */
    @Param({"none", "small", "large"})
    public String providers;

    private EventLoopGroup group;
    private ContextProvider provider;
    private TaskBatch cleanBatch;
    private TaskBatch reportedBatch;

    /** Creates the group, registers the provider and the callback. */
    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.of(variant);
        Detectors.install(v);
        group = EventLoops.newGroup(v, 1);
        Aiocop.disableDefaultReporter();
        Aiocop.registerSlowTaskCallback(IGNORE);
        Map<String, Object> values = new HashMap<>();
        int size = switch (providers) {
            case "none" -> 0;
            case "small" -> 2;
            case "large" -> 100_000;
            default -> throw new IllegalArgumentException("providers must be none, small or large, was " + providers);
        };
        for (int i = 0; i < size; i++) {
            values.put("key." + i, i);
        }
        if (size > 0) {
            Map<String, Object> context = Map.copyOf(values);
            provider = () -> context;
            Aiocop.registerContextProvider(provider);
        }
        EventLoop loop = group.next();
        cleanBatch = new TaskBatch(loop, () -> { }, BATCH);
        reportedBatch = new TaskBatch(loop, () -> Aiocop.audit("stat", "bench"), BATCH);
    }

    /** Shuts the group down and unregisters what setup registered. */
    @TearDown(Level.Trial)
    public void tearDown() {
        EventLoops.shutdown(group);
        Aiocop.unregisterSlowTaskCallback(IGNORE);
        if (provider != null) {
            Aiocop.unregisterContextProvider(provider);
        }
        Aiocop.enableDefaultReporter();
    }

    /** Clean no-op tasks: no provider call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cleanTasks() {
        cleanBatch.runAndAwait();
    }

    /** Tasks that make one blocking event and so are reported: one provider call each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void reportedTasks() {
        reportedBatch.runAndAwait();
    }
}
