package io.aiocop.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Family 5, install time: attaching and retransforming on a cold JVM, one install per fork (single shot, no
 * warm-up), for the aiocop agent and for BlockHound. Includes loading each tool's own classes.
 *
 * <p>Warm-up and measurement options given on the command line ({@code -wi}, {@code -i}) would break the
 * single-shot design (a second install in one JVM is a no-op), so {@code run.sh} runs this family on its own
 * with the annotations' settings.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar InstallBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = {
    AbstractBenchmark.FIXED_HEAP_MIN, AbstractBenchmark.FIXED_HEAP_MAX, AbstractBenchmark.ALLOW_ATTACH_SELF,
    AbstractBenchmark.ALLOW_DYNAMIC_AGENTS, AbstractBenchmark.NO_BYTEBUDDY_NEXUS,
    AbstractBenchmark.ALLOW_ADD_DELETE_METHODS})
public class InstallBenchmark extends AbstractBenchmark {

    /** Which tool is installed: a {@link Variant} label. */
    @Param({"agent", "blockhound"})
    public String variant;

    /** Installs the tool. */
    @Benchmark
    public void install() {
        Detectors.install(Variant.of(variant));
    }
}
