package io.aiocop.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every aiocop benchmark shares, and the naming scheme the results report relies on.
 *
 * <p>Naming scheme:
 * <ul>
 *   <li>a family of measurements is one subclass named {@code <Family>Benchmark} (the report's section and chart
 *       panel are named after {@code <Family>});</li>
 *   <li>what is being compared is the family's {@code variant} {@code @Param}, whose values are the labels of
 *       {@link Variant}; the {@code plain} row is the baseline that every other variant of the same method and
 *       parameters is compared with, in the same run;</li>
 *   <li>a target from the issue is one line in {@code io.aiocop.bench.report.Targets}.</li>
 * </ul>
 * A later family (a stall watchdog, a stack sampler) is therefore a new subclass with a {@code variant} param,
 * plus at most one line for its target: the report finds it in the JSON by itself.
 *
 * <p>Every fork of every family starts with the same JVM flags, so a baseline and its variants differ only in
 * what the benchmark installs: a fixed heap, self-attach allowed (ByteBuddy, used by both the aiocop agent and
 * BlockHound, then attaches in-process instead of starting a helper JVM), no warning for dynamically loaded
 * agents on 21+, no {@code Unsafe} warning from ByteBuddy on 25, and {@code -XX:+AllowRedefinitionToAddDeleteMethods},
 * which BlockHound needs on 13+ (the aiocop agent does not use it: see docs/agent.md). Each combination of
 * parameters runs in forks of its own (JMH forks per combination), so an agent installed by one variant never
 * leaks into another's measurement; {@link Detectors} refuses a second tool in one JVM, which catches
 * {@code -f 0}.
 *
 * <p>The defaults are the short profile of {@code aiocop-bench/run.sh}; pass {@code -f}, {@code -wi}, {@code -i}
 * on the command line for a longer run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {
    AbstractBenchmark.FIXED_HEAP_MIN, AbstractBenchmark.FIXED_HEAP_MAX, AbstractBenchmark.ALLOW_ATTACH_SELF,
    AbstractBenchmark.ALLOW_DYNAMIC_AGENTS, AbstractBenchmark.NO_BYTEBUDDY_NEXUS,
    AbstractBenchmark.ALLOW_ADD_DELETE_METHODS})
public abstract class AbstractBenchmark {

    /** Minimum heap, equal to the maximum so that heap sizing does not vary between forks. */
    public static final String FIXED_HEAP_MIN = "-Xms1g";

    /** Maximum heap. */
    public static final String FIXED_HEAP_MAX = "-Xmx1g";

    /** Lets ByteBuddy attach to its own JVM instead of launching an external attacher. */
    public static final String ALLOW_ATTACH_SELF = "-Djdk.attach.allowAttachSelf=true";

    /** Silences the Java 21+ warning about dynamically loaded agents; accepted (and a no-op) on 17. */
    public static final String ALLOW_DYNAMIC_AGENTS = "-XX:+EnableDynamicAgentLoading";

    /** Keeps ByteBuddy from using {@code Unsafe} for its Nexus, which Java 25 warns about (see docs/agent.md). */
    public static final String NO_BYTEBUDDY_NEXUS = "-Dnet.bytebuddy.nexus.disabled=true";

    /** Needed by BlockHound on Java 13+; given to every fork so that the baselines run with it too. */
    public static final String ALLOW_ADD_DELETE_METHODS = "-XX:+AllowRedefinitionToAddDeleteMethods";

    /** Subclasses are JMH state classes; JMH instantiates them. */
    protected AbstractBenchmark() {
    }
}
