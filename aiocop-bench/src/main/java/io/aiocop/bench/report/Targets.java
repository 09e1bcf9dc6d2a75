package io.aiocop.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The targets of the benchmark issue, one line each, and the rules that check them.
 *
 * <p>Every comparison carries the results' combined 99.9% error (the root of the sum of squares of JMH's score
 * errors). A limit is <em>met</em> when even the worst case within that error meets it, <em>not met</em> when even
 * the best case misses it, and <em>not resolved</em> when the error straddles the limit: then this run cannot tell,
 * and the report says so rather than guess. "No slower than" is met when the point estimate is not slower, not
 * resolved when it is slower by less than the error, not met beyond. "0 bytes per task" means
 * {@code gc.alloc.rate.norm} rounds to 0 (below 0.5 B): the JMH harness itself leaves a few thousandths of a byte
 * per operation.
 */
public final class Targets {

    private static final String DISPATCH = "TaskDispatch";
    private static final String CALLS = "InstrumentedCall";

    /** The widest error within which "adds nothing" counts as shown: a few ns, the scale of the per-task figures. */
    private static final double RESOLVED_NANOS = 5;

    private Targets() {
    }

    /**
     * Returns every target, in the order.
     *
     * @return the targets
     */
    public static List<Target> all() {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("Monitoring active, nothing blocking: <= 30 ns added per task",
                r -> addedAtMost(r, DISPATCH, "noopTasks", "monitored", 30)));
        targets.add(new Target("Monitoring active, nothing blocking: 0 bytes allocated per task",
                r -> allocationRoundsToZero(r, DISPATCH, "noopTasks", "monitored")));
        targets.add(new Target("The agent's extra per task on monitored loops: 0 within error",
                r -> addsNothing(r, DISPATCH, "noopTasks", "monitored+agent", "monitored")));
        for (String call : List.of("readNothing", "writeEmpty", "selectNow")) {
            targets.add(new Target("Non-blocking channel call in a monitored task (" + call + "), agent: <= 3 ns added",
                    r -> addedAtMost(r, "NonBlockingCall", call, "monitored+agent", "monitored", 3)));
        }
        targets.add(new Target("Loopback throughput with everything on: >= 98% of plain Netty",
                r -> throughputAtLeast(r, "LoopbackEcho", "roundTripThroughput", "monitored+agent+metrics", 0.98)));
        for (String call : List.of("fileInputStreamRead", "fileInputStreamReadEmpty", "lockSupportParkNanos0",
                "filesSize")) {
            targets.add(new Target("Unmonitored instrumented call (" + call + "): <= 3 ns added",
                    r -> addedAtMost(r, CALLS, call, "agent", 3)));
            targets.add(new Target("Unmonitored instrumented call (" + call + "): no slower than BlockHound",
                    r -> notSlowerThan(r, CALLS, call, "agent", "blockhound")));
        }
        targets.add(new Target("Recorded event with a 20-frame trace: <= 2 µs",
                r -> differenceAtMost(r, "EventRecording", "taskWithOneEvent", "taskWithoutEvent",
                        Map.of("traceDepth", "20", "stackDepth", "32"), 2_000)));
        targets.add(new Target("Install: <= 500 ms",
                r -> atMost(r, "Install", "install", "agent", 500e6)));
        targets.add(new Target("Install: no slower than BlockHound",
                r -> notSlowerThan(r, "Install", "install", "agent", "blockhound")));
        return targets;
    }

    private static Map<String, String> variant(String variant) {
        return Map.of(JmhResult.VARIANT, variant);
    }

    private static String name(String family, String method, Map<String, String> params) {
        return family + "." + method + params;
    }

    /** Finds two variants of one method and applies {@code rule} to them, or says which one is missing. */
    private static Verdict compare(JmhResults results, String family, String method, String variant,
                                   String other, BiFunction<JmhResult, JmhResult, Verdict> rule) {
        Optional<JmhResult> measured = results.find(family, method, variant(variant));
        if (measured.isEmpty()) {
            return Verdict.notMeasured(name(family, method, variant(variant)));
        }
        Optional<JmhResult> against = results.find(family, method, variant(other));
        if (against.isEmpty()) {
            return Verdict.notMeasured(name(family, method, variant(other)));
        }
        return rule.apply(measured.get(), against.get());
    }

    private static Verdict addedAtMost(JmhResults results, String family, String method, String variant,
                                       double maxNanos) {
        return addedAtMost(results, family, method, variant, JmhResult.BASELINE, maxNanos);
    }

    private static Verdict addedAtMost(JmhResults results, String family, String method, String variant,
                                       String against, double maxNanos) {
        return compare(results, family, method, variant, against, (measured, base) -> {
            double added = nanos(measured) - nanos(base);
            double noise = Math.hypot(errorNanos(measured), errorNanos(base));
            return Verdict.atMost(added, noise, maxNanos, Units.duration(added) + " ± " + Units.duration(noise)
                    + " added (" + variant + " " + Units.duration(nanos(measured)) + " vs " + against + " "
                    + Units.duration(nanos(base)) + ")");
        });
    }

    /**
     * "Adds nothing within the error": not met when even the best case adds something, met when the difference is
     * within an error of at most {@value #RESOLVED_NANOS} ns, not resolved when the error is wider than that.
     */
    private static Verdict addsNothing(JmhResults results, String family, String method, String variant,
                                       String against) {
        return compare(results, family, method, variant, against, (measured, base) -> {
            double added = nanos(measured) - nanos(base);
            double noise = Math.hypot(errorNanos(measured), errorNanos(base));
            Verdict.Status status = added - noise > 0 ? Verdict.Status.NOT_MET
                    : noise <= RESOLVED_NANOS ? Verdict.Status.MET
                    : Verdict.Status.NOT_RESOLVED;
            return new Verdict(status, Units.duration(added) + " ± " + Units.duration(noise) + " added ("
                    + variant + " " + Units.duration(nanos(measured)) + " vs " + against + " "
                    + Units.duration(nanos(base)) + ")");
        });
    }

    private static Verdict allocationRoundsToZero(JmhResults results, String family, String method,
                                                  String variant) {
        Optional<JmhResult> measured = results.find(family, method, variant(variant));
        if (measured.isEmpty() || Double.isNaN(measured.get().allocNorm())) {
            return Verdict.notMeasured(name(family, method, variant(variant)) + " with -prof gc");
        }
        double bytes = measured.get().allocNorm();
        return Verdict.of(bytes < 0.5, Units.number(bytes) + " B per task (gc.alloc.rate.norm)");
    }

    private static Verdict throughputAtLeast(JmhResults results, String family, String method, String variant,
                                             double minRatio) {
        return compare(results, family, method, variant, JmhResult.BASELINE, (measured, plain) -> {
            double ratio = measured.score() / plain.score();
            double error = ratio * Math.hypot(measured.errorOrZero() / measured.score(),
                    plain.errorOrZero() / plain.score());
            // "ratio >= min" is "-ratio <= -min".
            return Verdict.atMost(-ratio, error, -minRatio, Units.number(100 * ratio) + "% ± "
                    + Units.number(100 * error) + "% of plain (" + Units.number(measured.score()) + " vs "
                    + Units.number(plain.score()) + " " + plain.unit() + ")");
        });
    }

    private static Verdict notSlowerThan(JmhResults results, String family, String method, String variant,
                                         String rival) {
        return compare(results, family, method, variant, rival, (measured, other) -> {
            double diff = nanos(measured) - nanos(other);
            double noise = Math.hypot(errorNanos(measured), errorNanos(other));
            Verdict.Status status = diff <= 0 ? Verdict.Status.MET
                    : diff <= noise ? Verdict.Status.NOT_RESOLVED
                    : Verdict.Status.NOT_MET;
            return new Verdict(status, variant + " " + Units.duration(nanos(measured)) + " vs " + rival + " "
                    + Units.duration(nanos(other)) + " (difference " + Units.duration(diff) + " ± "
                    + Units.duration(noise) + ")");
        });
    }

    private static Verdict differenceAtMost(JmhResults results, String family, String method, String baseline,
                                            Map<String, String> params, double maxNanos) {
        Optional<JmhResult> measured = results.find(family, method, params);
        Optional<JmhResult> base = results.find(family, baseline, params);
        if (measured.isEmpty() || base.isEmpty()) {
            return Verdict.notMeasured(name(family, measured.isEmpty() ? method : baseline, params));
        }
        double diff = nanos(measured.get()) - nanos(base.get());
        double noise = Math.hypot(errorNanos(measured.get()), errorNanos(base.get()));
        return Verdict.atMost(diff, noise, maxNanos, Units.duration(diff) + " ± " + Units.duration(noise)
                + " per event (" + method + " " + Units.duration(nanos(measured.get())) + " minus " + baseline
                + " " + Units.duration(nanos(base.get())) + ")");
    }

    private static Verdict atMost(JmhResults results, String family, String method, String variant,
                                  double maxNanos) {
        Optional<JmhResult> measured = results.find(family, method, variant(variant));
        if (measured.isEmpty()) {
            return Verdict.notMeasured(name(family, method, variant(variant)));
        }
        double value = nanos(measured.get());
        double error = errorNanos(measured.get());
        return Verdict.atMost(value, error, maxNanos, Units.duration(value) + " ± " + Units.duration(error));
    }

    private static double nanos(JmhResult result) {
        return Units.toNanos(result.score(), result.unit());
    }

    private static double errorNanos(JmhResult result) {
        return Units.toNanos(result.errorOrZero(), result.unit());
    }

    /**
     * Returns each target's verdict, in order.
     *
     * @param results the measured results
     * @return target to verdict
     */
    public static Map<Target, Verdict> check(JmhResults results) {
        Map<Target, Verdict> verdicts = new LinkedHashMap<>();
        for (Target target : all()) {
            verdicts.put(target, target.verdict(results));
        }
        return verdicts;
    }
}
