package io.aiocop.bench.report;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Turns the rounds of the HTTP load benchmark into {@code http.json} and {@code http.md}: per variant the median of
 * each metric, and against plain the median of the per-round ratios (each variant's round divided by plain's
 * round of the same index, measured next to it) with a 95% bootstrap confidence interval of that median, and the
 * verdicts on the two HTTP targets.
 *
 * <p>Why paired ratios: on a shared 2-core host the throughput of consecutive rounds drifts by far more than 2%, but
 * variants measured within seconds of each other see nearly the same host; dividing within a round cancels the
 * drift that a ratio of overall medians would keep. The interval is of the median of those ratios, bootstrapped over
 * the rounds ({@link Bootstrap}). A target is <em>met</em> when the
 * whole interval meets it, <em>NOT MET</em> when none of it does, <em>not resolved</em> otherwise; the report also
 * says how many rounds would narrow the interval to ± 1%, assuming the spread stays as measured.
 */
public final class HttpLoadReport {

    /** The baseline variant's label. */
    static final String PLAIN = "plain";

    /** The variant the HTTP targets are about. */
    static final String EVERYTHING_ON = "monitored+agent+metrics";

    private HttpLoadReport() {
    }

    /** One measured quantity of a round. */
    enum Metric {
        REQUESTS_PER_SECOND("requests/s", HttpRound::requestsPerSecond),
        PROCESS_CPU("process CPU per request", HttpRound::processCpuPerRequest),
        LOOP_CPU("loop thread CPU per request", HttpRound::loopCpuPerRequest);

        final String title;
        final ToDoubleFunction<HttpRound> value;

        Metric(String title, ToDoubleFunction<HttpRound> value) {
            this.title = title;
            this.value = value;
        }
    }

    /**
     * A variant against plain for one metric: the median per-round ratio and its 95% interval.
     *
     * @param variant the variant
     * @param metric  the metric
     * @param pairs   rounds in which both were measured
     * @param median  median of the per-round ratios
     * @param low     2.5th percentile of the bootstrap medians
     * @param high    97.5th percentile of the bootstrap medians
     */
    record Ratio(String variant, Metric metric, int pairs, double median, double low, double high) {

        /** Rounds that would bring the interval's half-width to {@code halfWidth}, if the spread stays the same. */
        long roundsFor(double halfWidth) {
            double measured = (high - low) / 2;
            return (long) Math.ceil(pairs * Math.pow(measured / halfWidth, 2));
        }
    }

    /**
     * Writes {@code http.json} and {@code http.md} into {@code outDir} and prints the summary.
     *
     * @param rounds     every measured round
     * @param conditions lines describing the run (date, JDK, machine, command, load settings), printed first
     * @param outDir     where to write
     * @throws IOException when a file cannot be written
     */
    public static void write(List<HttpRound> rounds, List<String> conditions, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<String> variants = rounds.stream().map(HttpRound::variant).distinct().toList();
        List<Ratio> ratios = new ArrayList<>();
        for (String variant : variants) {
            if (!variant.equals(PLAIN)) {
                for (Metric metric : Metric.values()) {
                    ratio(rounds, variant, metric).ifPresent(ratios::add);
                }
            }
        }
        Map<String, Verdict> verdicts = verdicts(ratios);
        String markdown = markdown(rounds, variants, ratios, verdicts, conditions);
        Files.writeString(outDir.resolve("http.md"), markdown, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("conditions", conditions);
        json.put("rounds", rounds);
        json.put("ratios", ratios);
        json.put("verdicts", verdicts);
        Files.writeString(outDir.resolve("http.json"),
                new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json),
                StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    static Optional<Ratio> ratio(List<HttpRound> rounds, String variant, Metric metric) {
        Map<Integer, HttpRound> plain = new LinkedHashMap<>();
        rounds.stream().filter(r -> r.variant().equals(PLAIN)).forEach(r -> plain.put(r.round(), r));
        double[] values = rounds.stream()
                .filter(r -> r.variant().equals(variant) && plain.containsKey(r.round()))
                .mapToDouble(r -> metric.value.applyAsDouble(r) / metric.value.applyAsDouble(plain.get(r.round())))
                .toArray();
        if (values.length == 0) {
            return Optional.empty();
        }
        Bootstrap.Interval interval = Bootstrap.ofMedian(values);
        return Optional.of(new Ratio(variant, metric, values.length, interval.median(), interval.low(),
                interval.high()));
    }

    private static Map<String, Verdict> verdicts(List<Ratio> ratios) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        find(ratios, EVERYTHING_ON, Metric.PROCESS_CPU).ifPresent(r -> verdicts.put(
                "CPU per request (process), " + EVERYTHING_ON + ": <= 1.02x plain", atMost(r, 1.02)));
        find(ratios, EVERYTHING_ON, Metric.LOOP_CPU).ifPresent(r -> verdicts.put(
                "CPU per request (loop thread), " + EVERYTHING_ON + ": <= 1.02x plain", atMost(r, 1.02)));
        find(ratios, EVERYTHING_ON, Metric.REQUESTS_PER_SECOND).ifPresent(r -> verdicts.put(
                "requests/s, " + EVERYTHING_ON + ": >= 0.98x plain", atLeast(r, 0.98)));
        return verdicts;
    }

    private static Optional<Ratio> find(List<Ratio> ratios, String variant, Metric metric) {
        return ratios.stream().filter(r -> r.variant().equals(variant) && r.metric() == metric).findFirst();
    }

    private static Verdict atMost(Ratio r, double limit) {
        return Verdict.intervalAtMost(r.low(), r.high(), limit, describe(r));
    }

    private static Verdict atLeast(Ratio r, double limit) {
        return Verdict.intervalAtLeast(r.low(), r.high(), limit, describe(r));
    }

    private static String describe(Ratio r) {
        return String.format("%.3fx [%.3f, %.3f] over %d rounds", r.median(), r.low(), r.high(), r.pairs());
    }

    private static String markdown(List<HttpRound> rounds, List<String> variants, List<Ratio> ratios,
                                   Map<String, Verdict> verdicts, List<String> conditions) {
        StringBuilder md = new StringBuilder();
        conditions.forEach(line -> md.append(line).append('\n'));
        md.append("\n### Targets\n\n| Target | Verdict | Median ratio [95% interval] |\n|---|---|---|\n");
        verdicts.forEach((goal, v) -> md.append("| ").append(goal).append(" | **").append(v.status().text())
                .append("** | ").append(v.detail()).append(" |\n"));
        md.append("\n### Medians per variant\n\n| Variant | rounds | requests/s | process CPU/request | "
                + "loop CPU/request | socket errors | server log lines |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String variant : variants) {
            List<HttpRound> own = rounds.stream().filter(r -> r.variant().equals(variant)).toList();
            md.append("| ").append(variant).append(" | ").append(own.size())
                    .append(" | ").append(Units.number(median(own, Metric.REQUESTS_PER_SECOND)))
                    .append(" | ").append(Units.duration(median(own, Metric.PROCESS_CPU)))
                    .append(" | ").append(Units.duration(median(own, Metric.LOOP_CPU)))
                    .append(" | ").append(own.stream().mapToLong(HttpRound::socketErrors).sum())
                    .append(" | ").append(own.stream().mapToLong(HttpRound::serverLogLines).sum()).append(" |\n");
        }
        md.append("\n### Against plain, paired by round\n\n| Variant | metric | median ratio | 95% interval | "
                + "rounds for ± 1% |\n|---|---|---:|---|---:|\n");
        for (Ratio r : ratios) {
            md.append("| ").append(r.variant()).append(" | ").append(r.metric().title)
                    .append(String.format(" | %.3f | [%.3f, %.3f] | %d |%n", r.median(), r.low(), r.high(),
                            r.roundsFor(0.01)));
        }
        return md.toString();
    }

    private static double median(List<HttpRound> rounds, Metric metric) {
        return Bootstrap.median(rounds.stream().mapToDouble(metric.value).toArray());
    }

}
