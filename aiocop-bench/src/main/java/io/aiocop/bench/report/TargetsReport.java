package io.aiocop.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the interleaved rounds of {@code aiocop-bench/targets.sh} into {@code targets.md}: one measured figure and
 * one verdict per row of issue 12's targets table (the HTTP rows excepted: {@code http.sh}).
 *
 * <p>Input: JMH JSON files ({@code -rf json}) of single-fork invocations, one per family, variant and round, named
 * {@code <anything>-r<round>.json} (a file without {@code -r<N>} is round 0). For each row it computes, per side
 * (the variant and its baseline), the median and the minimum over every measured iteration of every fork; per
 * round, the variant's fork median minus the baseline's fork median of the same round (measured within a minute of
 * each other, so host drift cancels); and the median of those paired differences with its 95% bootstrap interval
 * ({@link Bootstrap}). Install forks are single shots and are not paired: the interval is of the difference of the
 * two tools' medians, each tool's forks resampled on their own.
 *
 * <p>Verdict rules, on the interval {@code [low, high]}: "at most T" is <em>met</em> when {@code high <= T},
 * <em>NOT MET</em> when {@code low > T}, <em>not resolved</em> otherwise; "0 within error" is met when the interval
 * holds 0 and lies within &plusmn; {@value #ZERO_WITHIN_NANOS} ns, NOT MET when {@code low > 0}, not resolved
 * otherwise; fewer than {@value #MIN_PAIRS} pairs (install: forks per tool) are not resolved. A row whose inputs are
 * missing is <em>not measured</em>.
 *
 * <p>Usage: {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.report.TargetsReport OUT_DIR
 * (RESULT.json | DIR)...}; writes {@code OUT_DIR/targets.md} and prints it. When {@code OUT_DIR} holds
 * {@code commands.txt}, {@code uptime-start.txt} and {@code uptime-end.txt} (written by {@code targets.sh}), the
 * report quotes them. Exits with 2 on bad arguments or no results; verdicts do not change the exit status.
 */
public final class TargetsReport {

    /** The half-width within which "0 within error" counts as shown. */
    static final double ZERO_WITHIN_NANOS = 3;

    /** Fewer pairs (or forks) than this give no verdict: an interval of one or two values says nothing of spread. */
    static final int MIN_PAIRS = 3;

    private static final Pattern ROUND = Pattern.compile("-r(\\d+)\\.json$");

    private TargetsReport() {
    }

    /**
     * One JMH result and the round its invocation ran in.
     *
     * @param round  the round, from the file name
     * @param result the result
     */
    record Measured(int round, JmhResult result) {
    }

    /**
     * What one side of a comparison selects: a family's method with params.
     *
     * @param family the family, e.g. {@code TaskDispatch}
     * @param method the method, e.g. {@code noopTasks}
     * @param params params the results must have
     */
    record Side(String family, String method, Map<String, String> params) {

        /** Copies the params, sorted. */
        Side {
            params = Map.copyOf(params);
        }

        static Side of(String family, String method, String variant) {
            return new Side(family, method, Map.of(JmhResult.VARIANT, variant));
        }

        String label() {
            String p = new TreeMap<>(params).entrySet().stream()
                    .map(e -> e.getKey().equals(JmhResult.VARIANT) ? e.getValue() : e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            return family + "." + method + (p.isEmpty() ? "" : " [" + p + "]");
        }
    }

    /**
     * The iterations of one side, pooled over forks and rounds.
     *
     * @param median     median of every measured iteration, ns
     * @param min        minimum, ns
     * @param iterations how many iterations
     * @param forks      how many forks
     */
    record Summary(double median, double min, int iterations, int forks) {

        String text() {
            return iterations == 0 ? "—" : Units.duration(median) + " (min " + Units.duration(min) + ", "
                    + forks + " forks)";
        }
    }

    /**
     * One row of the verdict table.
     *
     * @param what       the target's subject
     * @param target     the target, in words
     * @param measured   the variant's figures
     * @param baseline   the baseline's figures
     * @param difference the median difference to the baseline and its 95% interval
     * @param status     the verdict; null for a row that only informs
     * @param note       what decided, or what is missing
     */
    record Row(String what, String target, Summary measured, Summary baseline, Bootstrap.Interval difference,
               Verdict.Status status, String note) {

        String verdictText() {
            return status == null ? "informational" : "**" + status.text() + "**";
        }
    }

    /**
     * Writes the report.
     *
     * @param args the output directory, then JMH JSON files or directories of them
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TargetsReport OUT_DIR (RESULT.json | DIR)...");
            System.exit(2);
        }
        Path outDir = Path.of(args[0]);
        List<Path> files = new ArrayList<>();
        for (String arg : Arrays.asList(args).subList(1, args.length)) {
            files.addAll(jsonFiles(Path.of(arg)));
        }
        List<Measured> results = read(files);
        if (results.isEmpty()) {
            System.err.println("no results in " + files);
            System.exit(2);
        }
        Files.createDirectories(outDir);
        List<String> header = new ArrayList<>();
        header.add("- Date: " + ResultsReport.finished(files));
        header.add("- JDK: " + results.stream().map(m -> m.result().jdkVersion() + " (" + m.result().vmName() + ")")
                .distinct().collect(Collectors.joining("; ")));
        header.add("- Machine: " + ResultsReport.machine());
        header.add("- Load average at start: " + fileLine(outDir.resolve("uptime-start.txt")));
        header.add("- Load average at end: " + fileLine(outDir.resolve("uptime-end.txt")));
        header.add("- Inputs: " + files.size() + " JSON files in " + files.stream().map(Path::getParent)
                .map(String::valueOf).distinct().collect(Collectors.joining(", ")));
        Path commands = outDir.resolve("commands.txt");
        String markdown = render(results, header,
                Files.isReadable(commands) ? Files.readAllLines(commands) : List.of());
        Files.writeString(outDir.resolve("targets.md"), markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    private static List<Path> jsonFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String fileLine(Path file) throws IOException {
        return Files.isReadable(file) ? String.join(" ", Files.readAllLines(file)).trim() : "not recorded";
    }

    /**
     * Reads JSON files, taking each one's round from its name.
     *
     * @param files JMH JSON files
     * @return every result with its round
     * @throws IOException when a file cannot be read
     */
    static List<Measured> read(List<Path> files) throws IOException {
        List<Measured> all = new ArrayList<>();
        for (Path file : files) {
            Matcher m = ROUND.matcher(file.getFileName().toString());
            int round = m.find() ? Integer.parseInt(m.group(1)) : 0;
            JmhResults.read(List.of(file)).all().forEach(r -> all.add(new Measured(round, r)));
        }
        return all;
    }

    /**
     * Computes every row, in the order.
     *
     * @param results the measured results
     * @return the rows
     */
    static List<Row> rows(List<Measured> results) {
        List<Row> rows = new ArrayList<>();
        Summary nanoTime = summary(select(results, new Side("Clock", "nanoTime", Map.of())));
        Side plainTask = Side.of("TaskDispatch", "noopTasks", "plain");
        Side monitoredTask = Side.of("TaskDispatch", "noopTasks", "monitored");
        String perTask = "added per no-op task, monitoring on (monitored vs plain)";
        if (nanoTime.iterations() == 0) {
            rows.add(notMeasured(perTask, "<= one System.nanoTime()", "no result for Clock.nanoTime"));
        } else {
            rows.add(paired(results, perTask, "<= one System.nanoTime() (" + Units.duration(nanoTime.median())
                    + ", ClockBenchmark.nanoTime median, this run)", monitoredTask, plainTask,
                    d -> atMost(d, nanoTime.median())));
        }
        rows.add(paired(results, perTask + ", stretch", "<= 10 ns", monitoredTask, plainTask, d -> atMost(d, 10)));
        rows.add(paired(results, "agent's extra per task on monitored loops (monitored+agent vs monitored)",
                "0 within error (interval holds 0, inside ± " + Units.number(ZERO_WITHIN_NANOS) + " ns)",
                Side.of("TaskDispatch", "noopTasks", "monitored+agent"), monitoredTask,
                TargetsReport::zeroWithinError));
        rows.add(paired(results, "zero-code vs monitored, per no-op task", "—",
                Side.of("TaskDispatch", "noopTasks", "zero-code"), monitoredTask, null));
        for (String call : List.of("readNothing", "writeEmpty")) {
            Side withAgent = Side.of("NonBlockingCall", call, "monitored+agent");
            for (String base : List.of("monitored", "plain")) {
                rows.add(paired(results, "non-blocking call on a monitored thread, " + call
                        + " (monitored+agent vs " + base + ")", "<= +3 ns", withAgent,
                        Side.of("NonBlockingCall", call, base), d -> atMost(d, 3)));
            }
        }
        Side filesSizeAgent = Side.of("InstrumentedCall", "filesSize", "agent");
        rows.add(paired(results, "Files.size on a thread that runs no loop (agent vs plain)", "<= +3 ns",
                filesSizeAgent, Side.of("InstrumentedCall", "filesSize", "plain"), d -> atMost(d, 3)));
        rows.add(paired(results, "Files.size on a thread that runs no loop (agent vs blockhound)", "—",
                filesSizeAgent, Side.of("InstrumentedCall", "filesSize", "blockhound"), null));
        rows.addAll(recordingRows(results).values());
        rows.addAll(install(results));
        rows.add(new Row("System.nanoTime() (ClockBenchmark.nanoTime)", "—", nanoTime, null, Bootstrap.Interval.EMPTY,
                null, nanoTime.iterations() == 0 ? "not measured" : ""));
        return rows;
    }

    /** The cost of one recorded event with a 20-frame trace, per stack depth, by depth. */
    private static Map<Integer, Row> recordingRows(List<Measured> results) {
        Map<Integer, Row> rows = new TreeMap<>();
        for (String depth : stackDepths(results)) {
            Map<String, String> params = Map.of("traceDepth", "20", "stackDepth", depth);
            rows.put(Integer.parseInt(depth), paired(results, "recorded event, 20-frame trace, stack depth " + depth
                    + " (taskWithOneEvent minus taskWithoutEvent)", "<= 2 µs",
                    new Side("EventRecording", "taskWithOneEvent", params),
                    new Side("EventRecording", "taskWithoutEvent", params), d -> atMost(d, 2_000)));
        }
        return rows;
    }

    /** The stack depths measured with a 20-frame trace; 32 (the family's default) when none was. */
    private static List<String> stackDepths(List<Measured> results) {
        List<String> depths = results.stream().map(Measured::result)
                .filter(r -> r.family().equals("EventRecording") && "20".equals(r.params().get("traceDepth")))
                .map(r -> r.params().get("stackDepth")).filter(d -> d != null).distinct().toList();
        return depths.isEmpty() ? List.of("32") : depths;
    }

    private static List<Row> install(List<Measured> results) {
        Side agent = Side.of("Install", "install", "agent");
        Side blockHound = Side.of("Install", "install", "blockhound");
        double[] agentForks = iterations(select(results, agent));
        double[] blockHoundForks = iterations(select(results, blockHound));
        Summary agentSummary = summary(select(results, agent));
        Summary blockHoundSummary = summary(select(results, blockHound));
        List<Row> rows = new ArrayList<>();
        String what = "install, cold JVM (agent forks";
        if (agentForks.length == 0) {
            rows.add(notMeasured(what + ")", "<= 500 ms", "no result for " + agent.label()));
        } else {
            Bootstrap.Interval median = Bootstrap.ofMedian(agentForks);
            rows.add(decided(what + ")", "<= 500 ms", agentSummary, null, median, m -> atMost(m, 500e6),
                    "interval of the agent's median over its forks"));
        }
        if (agentForks.length == 0 || blockHoundForks.length == 0) {
            rows.add(notMeasured(what + " vs blockhound forks)", "<= BlockHound",
                    "no result for " + (agentForks.length == 0 ? agent : blockHound).label()));
        } else {
            Bootstrap.Interval difference = Bootstrap.ofMedianDifference(agentForks, blockHoundForks);
            rows.add(decided(what + " vs blockhound forks)", "<= BlockHound", agentSummary, blockHoundSummary,
                    difference, d -> atMost(d, 0), "difference of medians, forks resampled per tool"));
        }
        return rows;
    }

    private static Row notMeasured(String what, String target, String note) {
        return new Row(what, target, null, null, Bootstrap.Interval.EMPTY, Verdict.Status.NOT_MEASURED, note);
    }

    /** A variant against its baseline, paired by round; {@code rule} null for a row that only informs. */
    private static Row paired(List<Measured> results, String what, String target, Side measured, Side baseline,
                              Function<Bootstrap.Interval, Verdict.Status> rule) {
        List<Measured> variantResults = select(results, measured);
        List<Measured> baselineResults = select(results, baseline);
        if (variantResults.isEmpty() || baselineResults.isEmpty()) {
            return notMeasured(what, target, "no result for "
                    + (variantResults.isEmpty() ? measured : baseline).label());
        }
        Bootstrap.Interval difference = pairedDifference(variantResults, baselineResults);
        if (!difference.measured()) {
            return notMeasured(what, target, "no round in which both " + measured.label() + " and "
                    + baseline.label() + " ran");
        }
        return decided(what, target, summary(variantResults), summary(baselineResults), difference, rule, "");
    }

    /** A row with the verdict of {@code rule} (null: informational), or not resolved on too few pairs. */
    private static Row decided(String what, String target, Summary measured, Summary baseline,
                               Bootstrap.Interval difference, Function<Bootstrap.Interval, Verdict.Status> rule,
                               String note) {
        if (rule != null && difference.count() < MIN_PAIRS) {
            return new Row(what, target, measured, baseline, difference, Verdict.Status.NOT_RESOLVED,
                    "fewer than " + MIN_PAIRS + " pairs");
        }
        return new Row(what, target, measured, baseline, difference, rule == null ? null : rule.apply(difference),
                note);
    }

    /**
     * Pairs each round's variant with the baseline of the same round: the per-round difference of fork medians
     * (a round's iterations pooled, should it hold more than one fork), its median and its interval.
     *
     * @param variant  the variant's results
     * @param baseline the baseline's results
     * @return the interval; {@link Bootstrap.Interval#EMPTY} when no round holds both
     */
    static Bootstrap.Interval pairedDifference(List<Measured> variant, List<Measured> baseline) {
        Map<Integer, Double> variantByRound = roundMedians(variant);
        Map<Integer, Double> baselineByRound = roundMedians(baseline);
        double[] differences = variantByRound.entrySet().stream()
                .filter(e -> baselineByRound.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() - baselineByRound.get(e.getKey()))
                .toArray();
        return Bootstrap.ofMedian(differences);
    }

    private static Map<Integer, Double> roundMedians(List<Measured> results) {
        return results.stream().collect(Collectors.groupingBy(Measured::round, TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), list -> Bootstrap.median(iterations(list)))));
    }

    static Verdict.Status atMost(Bootstrap.Interval difference, double limit) {
        return Verdict.intervalAtMost(difference.low(), difference.high(), limit, "").status();
    }

    static Verdict.Status zeroWithinError(Bootstrap.Interval d) {
        if (d.low() > 0) {
            return Verdict.Status.NOT_MET;
        }
        boolean holdsZero = d.high() >= 0;
        boolean narrow = d.low() >= -ZERO_WITHIN_NANOS && d.high() <= ZERO_WITHIN_NANOS;
        return holdsZero && narrow ? Verdict.Status.MET : Verdict.Status.NOT_RESOLVED;
    }

    private static List<Measured> select(List<Measured> results, Side side) {
        return results.stream()
                .filter(m -> m.result().family().equals(side.family()) && m.result().method().equals(side.method()))
                .filter(m -> m.result().params().entrySet().containsAll(side.params().entrySet()))
                .toList();
    }

    /** Every measured iteration of every fork, in ns. */
    private static double[] iterations(List<Measured> results) {
        return results.stream().map(Measured::result)
                .flatMapToDouble(r -> r.forks().stream().flatMap(List::stream)
                        .mapToDouble(v -> Units.toNanos(v, r.unit())))
                .toArray();
    }

    private static Summary summary(List<Measured> results) {
        double[] values = iterations(results);
        int forks = results.stream().mapToInt(m -> m.result().forks().size()).sum();
        return new Summary(Bootstrap.median(values), Arrays.stream(values).min().orElse(Double.NaN),
                values.length, forks);
    }

    /**
     * Renders the report.
     *
     * @param results  the measured results
     * @param header   lines describing the run
     * @param commands the commands that produced the results, quoted at the end
     * @return Markdown text
     */
    static String render(List<Measured> results, List<String> header, List<String> commands) {
        List<Row> rows = rows(results);
        StringBuilder md = new StringBuilder("## Issue 12 targets, interleaved rounds\n\n");
        header.forEach(line -> md.append(line).append('\n'));
        md.append("\nFigures: medians (and minima) over every measured iteration of every fork; the difference is the "
                + "median over rounds of (variant's fork median minus its baseline's fork median in the same round), "
                + "with a 95% bootstrap interval, n pairs (install: difference of medians, forks resampled per tool). "
                + "Verdicts: \"<= T\" is met when the interval's upper bound <= T, NOT MET when its lower bound > T, "
                + "not resolved otherwise; \"0 within error\" is met when the interval holds 0 and lies within ± "
                + Units.number(ZERO_WITHIN_NANOS) + " ns, NOT MET when its lower bound > 0; fewer than " + MIN_PAIRS
                + " pairs: not resolved. With 3 pairs the interval is their range, which holds the true median with "
                + "probability 75% only (5 pairs: 94%).\n");
        md.append("\n| What | Target | Measured: median (min) | Baseline: median (min) | Difference: median "
                + "[95% interval] (n) | Verdict |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.what()).append(" | ").append(row.target()).append(" | ")
                    .append(row.measured() == null ? "—" : row.measured().text()).append(" | ")
                    .append(row.baseline() == null ? "—" : row.baseline().text()).append(" | ")
                    .append(difference(row)).append(" | ").append(row.verdictText())
                    .append(row.note().isEmpty() ? "" : " (" + row.note() + ")").append(" |\n");
        }
        appendRecordingTable(md, recordingRows(results));
        if (!commands.isEmpty()) {
            md.append("\n### Commands, in the order they ran\n\n```\n");
            commands.forEach(c -> md.append(c).append('\n'));
            md.append("```\n");
        }
        return md.toString();
    }

    private static String difference(Row row) {
        Bootstrap.Interval d = row.difference();
        if (!d.measured()) {
            return "—";
        }
        String sign = row.baseline() == null ? "" : d.median() >= 0 ? "+" : "";
        return sign + Units.duration(d.median()) + " [" + Units.duration(d.low()) + ", " + Units.duration(d.high())
                + "] (" + d.count() + ")";
    }

    private static void appendRecordingTable(StringBuilder md, Map<Integer, Row> recording) {
        if (recording.values().stream().allMatch(r -> r.measured() == null)) {
            return;
        }
        md.append("\n### Recording cost against stack depth (20-frame trace)\n\n| Stack depth | with one event | "
                + "without | cost per event [95% interval] (rounds) |\n|---:|---|---|---|\n");
        recording.forEach((depth, row) -> md.append("| ").append(depth).append(" | ")
                .append(row.measured() == null ? "—" : row.measured().text()).append(" | ")
                .append(row.baseline() == null ? "—" : row.baseline().text()).append(" | ")
                .append(difference(row)).append(" |\n"));
    }
}
