package io.aiocop.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns JMH JSON results into {@code results.md} (targets met / not met, one table per family) and
 * {@code results.png} (the comparisons as bar charts), and prints the targets.
 *
 * <p>Usage: {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.report.ResultsReport OUT_DIR
 * "COMMAND" RESULT.json...}, where COMMAND is the command line that produced the results, quoted in the report.
 * Exits with 2 on bad arguments; the verdicts do not change the exit status (a missed target is a finding, not a
 * failure of the tool).
 */
public final class ResultsReport {

    private ResultsReport() {
    }

    /**
     * Writes the report.
     *
     * @param args the output directory, the command that produced the results, then one or more JMH JSON files
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ResultsReport OUT_DIR COMMAND RESULT.json...");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path outDir = Path.of(args[0]);
        String command = args[1];
        List<Path> files = Stream.of(args).skip(2).map(Path::of).toList();
        JmhResults results = JmhResults.read(files);
        if (results.isEmpty()) {
            System.err.println("no results in " + files);
            System.exit(2);
        }
        Files.createDirectories(outDir);
        Map<Target, Verdict> verdicts = Targets.check(results);
        String date = finished(files);
        List<String> header = header(results, command, date);
        Path markdown = outDir.resolve("results.md");
        Files.writeString(markdown, MarkdownReport.render(results, verdicts, header), StandardCharsets.UTF_8);
        Path png = outDir.resolve("results.png");
        ResultsChart.write(results, "aiocop overhead, " + jdk(results) + ", " + date, png);

        System.out.println("Targets:");
        verdicts.forEach((target, verdict) -> System.out.printf("  %-15s %s%n  %15s %s%n",
                "[" + verdict.status().text() + "]", target.goal(), "", verdict.detail()));
        System.out.println("Wrote " + markdown + " and " + png);
    }

    private static List<String> header(JmhResults results, String command, String date) {
        List<String> lines = new ArrayList<>();
        lines.add("- Date: " + date);
        lines.add("- JDK: " + jdk(results) + " (" + results.all().get(0).vmName() + ")");
        lines.add("- Machine: " + machine());
        lines.add("- Command: `" + command + "`");
        return lines;
    }

    /** When the run ended: JMH's JSON has no timestamp, so the newest result file's modification time. */
    static String finished(List<Path> files) throws IOException {
        Instant newest = Instant.EPOCH;
        for (Path file : files) {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            newest = modified.isAfter(newest) ? modified : newest;
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(newest);
    }

    private static String jdk(JmhResults results) {
        return "JDK " + results.all().get(0).jdkVersion();
    }

    /** The machine the report runs on (the run's own, when run by the benchmark scripts): CPUs, model, OS. */
    static String machine() {
        String cpu = cpuModel().orElse(System.getProperty("os.arch"));
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + cpu + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
