package io.aiocop.bench;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Family 1, task dispatch: what one task costs on a plain Netty 4.2 NIO loop and on aiocop's monitored loops
 * (deactivated, active, active with stall reports off, active with the agent installed), and on plain loops timed by
 * the agent alone (zero-code mode), for no-op tasks and for small tasks of about 1 µs.
 *
 * <p>Scores are ns per task: each operation is a batch of {@value #BATCH} tasks run through a one-thread group
 * (see {@link TaskBatch}). With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per task, by all
 * threads.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar TaskDispatchBenchmark -prof gc}
 */
@State(Scope.Benchmark)
public class TaskDispatchBenchmark extends AbstractBenchmark {

    /** Tasks per operation. */
    static final int BATCH = 1024;

    /** {@link Blackhole#consumeCPU(long)} tokens of a small task: about 1 µs on the benchmark machine. */
    static final long SMALL_TASK_TOKENS = 450;

    /** What the loops run with: a {@link Variant} label. */
    @Param({"plain", "monitored-deactivated", "monitored", "monitored-stall-off", "monitored+agent", "zero-code"})
    public String variant;

    private EventLoopGroup group;
    private TaskBatch noopBatch;
    private TaskBatch smallBatch;

    /** Creates the group and the batches. */
    @Setup(Level.Trial)
    public void setUp() {
        Variant v = Variant.of(variant);
        Detectors.install(v);
        group = EventLoops.newGroup(v, 1);
        EventLoop loop = group.next();
        noopBatch = new TaskBatch(loop, () -> { }, BATCH);
        smallBatch = new TaskBatch(loop, () -> Blackhole.consumeCPU(SMALL_TASK_TOKENS), BATCH);
    }

    /** Shuts the group down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        EventLoops.shutdown(group);
    }

    /** No-op tasks: the loop's own per-task cost. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void noopTasks() {
        noopBatch.runAndAwait();
    }

    /** Tasks of about 1 µs of CPU work. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void smallTasks() {
        smallBatch.runAndAwait();
    }
}
