package io.aiocop.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH's JSON output: a benchmark method, its parameters and mode, and what was measured.
 *
 * @param benchmark   the fully qualified method, e.g. {@code io.aiocop.bench.TaskDispatchBenchmark.noopTasks}
 * @param mode        JMH's short mode name: {@code avgt}, {@code thrpt}, {@code sample} or {@code ss}
 * @param params      the {@code @Param} values, sorted by name
 * @param score       the primary score
 * @param error       the 99.9% confidence half-width, NaN when JMH had too few samples
 * @param unit        the score's unit, e.g. {@code ns/op}
 * @param percentiles the score's percentiles, keyed like {@code "99.0"}
 * @param allocNorm   {@code gc.alloc.rate.norm} in bytes per operation, NaN without {@code -prof gc}
 * @param jdkVersion  the JDK the forks ran on
 * @param vmName      the VM's name and version
 * @param forks       the primary metric's measured iterations, one list per fork (JMH's {@code rawData}), in the
 *                    score's unit; empty when the JSON has none
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double error,
                        String unit, Map<String, Double> percentiles, double allocNorm, String jdkVersion,
                        String vmName, List<List<Double>> forks) {

    /** The {@code @Param} that names the variant, see {@code io.aiocop.bench.AbstractBenchmark}. */
    public static final String VARIANT = "variant";

    /** The variant every other is compared with. */
    public static final String BASELINE = "plain";

    /** Copies the maps. */
    public JmhResult {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
        forks = forks.stream().map(List::copyOf).toList();
    }

    /**
     * Reads one element of JMH's JSON array.
     *
     * @param json the element
     * @return the result
     */
    static JmhResult fromJson(JsonObject json) {
        Map<String, String> params = new TreeMap<>();
        JsonObject jsonParams = json.getAsJsonObject("params");
        if (jsonParams != null) {
            jsonParams.entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        JsonObject primary = json.getAsJsonObject("primaryMetric");
        Map<String, Double> percentiles = new LinkedHashMap<>();
        JsonObject jsonPercentiles = primary.getAsJsonObject("scorePercentiles");
        if (jsonPercentiles != null) {
            jsonPercentiles.entrySet().forEach(e -> percentiles.put(e.getKey(), e.getValue().getAsDouble()));
        }
        List<List<Double>> forks = new ArrayList<>();
        JsonArray rawData = primary.getAsJsonArray("rawData");
        if (rawData != null) {
            for (JsonElement fork : rawData) {
                List<Double> iterations = new ArrayList<>();
                fork.getAsJsonArray().forEach(value -> iterations.add(value.getAsDouble()));
                forks.add(iterations);
            }
        }
        double alloc = Double.NaN;
        JsonObject secondary = json.getAsJsonObject("secondaryMetrics");
        if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
            alloc = secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble();
        }
        return new JmhResult(
                json.get("benchmark").getAsString(),
                json.get("mode").getAsString(),
                params,
                primary.get("score").getAsDouble(),
                primary.get("scoreError").getAsDouble(),
                primary.get("scoreUnit").getAsString(),
                percentiles,
                alloc,
                string(json.get("jdkVersion")),
                string(json.get("vmName")) + " " + string(json.get("vmVersion")),
                forks);
    }

    private static String string(JsonElement element) {
        return element == null || element.isJsonNull() ? "?" : element.getAsString();
    }

    /**
     * Returns the family: the benchmark class's simple name without {@code Benchmark}.
     *
     * @return e.g. {@code TaskDispatch}
     */
    public String family() {
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.endsWith("Benchmark") ? simple.substring(0, simple.length() - "Benchmark".length()) : simple;
    }

    /**
     * Returns the benchmark method's name.
     *
     * @return e.g. {@code noopTasks}
     */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /**
     * Returns the variant.
     *
     * @return the {@code variant} param, or null when the family has none
     */
    public String variant() {
        return params.get(VARIANT);
    }

    /**
     * Returns the parameters other than the variant, as {@code name=value} pairs.
     *
     * @return e.g. {@code traceDepth=20}, or an empty string
     */
    public String otherParams() {
        StringBuilder sb = new StringBuilder();
        params.forEach((name, value) -> {
            if (!name.equals(VARIANT)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(name).append('=').append(value);
            }
        });
        return sb.toString();
    }

    /**
     * Returns whether higher scores are better (throughput).
     *
     * @return true in {@code thrpt} mode
     */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /**
     * Returns the error, or 0 where JMH could not compute one.
     *
     * @return a finite error
     */
    public double errorOrZero() {
        return Double.isFinite(error) ? error : 0;
    }

    /**
     * Returns whether {@code other} is this result's baseline: same method, mode and other parameters, with the
     * {@value #BASELINE} variant.
     *
     * @param other another result
     * @return true when {@code other} is the plain row this one is compared with
     */
    public boolean isBaselineOf(JmhResult other) {
        return BASELINE.equals(variant()) && other.variant() != null && !other.variant().equals(BASELINE)
                && benchmark.equals(other.benchmark) && mode.equals(other.mode)
                && otherParams().equals(other.otherParams());
    }
}
