package io.aiocop.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the results as Markdown: the targets with their verdicts, then one table per benchmark family, each
 * variant next to its plain baseline.
 */
final class MarkdownReport {

    private static final List<String> PERCENTILES = List.of("50.0", "99.0", "99.9");

    private MarkdownReport() {
    }

    /**
     * Renders the report.
     *
     * @param results  the measured results
     * @param verdicts each target's verdict
     * @param header   lines describing the run (date, JDK, machine, command), printed first
     * @return Markdown text
     */
    static String render(JmhResults results, Map<Target, Verdict> verdicts, List<String> header) {
        StringBuilder md = new StringBuilder();
        header.forEach(line -> md.append(line).append('\n'));
        md.append("\n### Targets\n\n| Target | Verdict | Measured |\n|---|---|---|\n");
        verdicts.forEach((target, verdict) -> md.append("| ").append(target.goal()).append(" | **")
                .append(verdict.status().text()).append("** | ").append(verdict.detail()).append(" |\n"));
        Map<String, List<JmhResult>> families = results.all().stream()
                .collect(Collectors.groupingBy(JmhResult::family, LinkedHashMap::new, Collectors.toList()));
        families.forEach((family, rows) -> appendFamily(md, results, family, rows));
        return md.toString();
    }

    private static void appendFamily(StringBuilder md, JmhResults results, String family, List<JmhResult> rows) {
        boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocNorm()));
        boolean sampled = rows.stream().anyMatch(r -> r.mode().equals("sample"));
        md.append("\n### ").append(family)
                .append("\n\n| Benchmark | Params | Variant | Mode | Score | Error (99.9%) | Unit | vs plain |");
        if (alloc) {
            md.append(" Alloc (B/op) |");
        }
        if (sampled) {
            md.append(" p50 / p99 / p99.9 |");
        }
        md.append("\n|---|---|---|---|---:|---:|---|---:|");
        md.append(alloc ? "---:|" : "").append(sampled ? "---:|" : "").append('\n');
        for (JmhResult r : rows) {
            md.append("| ").append(r.method()).append(" | ").append(dashIfEmpty(r.otherParams())).append(" | ")
                    .append(dashIfEmpty(r.variant())).append(" | ").append(r.mode()).append(" | ")
                    .append(Units.number(r.score())).append(" | ").append(error(r)).append(" | ")
                    .append(r.unit()).append(" | ").append(versusPlain(results, r)).append(" |");
            if (alloc) {
                md.append(' ').append(Double.isNaN(r.allocNorm()) ? "—" : Units.number(r.allocNorm())).append(" |");
            }
            if (sampled) {
                md.append(' ').append(percentiles(r)).append(" |");
            }
            md.append('\n');
        }
    }

    private static String error(JmhResult r) {
        return Double.isFinite(r.error()) ? "± " + Units.number(r.error()) : "—";
    }

    private static String versusPlain(JmhResults results, JmhResult r) {
        Optional<JmhResult> plain = results.baselineOf(r);
        if (plain.isEmpty()) {
            return "—";
        }
        double base = plain.get().score();
        if (r.higherIsBetter()) {
            return Units.number(100 * r.score() / base) + "%";
        }
        return Units.signed(r.score() - base) + " (" + Units.signed(100 * (r.score() - base) / base) + "%)";
    }

    private static String percentiles(JmhResult r) {
        if (!r.mode().equals("sample")) {
            return "—";
        }
        return PERCENTILES.stream()
                .map(p -> r.percentiles().containsKey(p) ? Units.number(r.percentiles().get(p)) : "?")
                .collect(Collectors.joining(" / "));
    }

    private static String dashIfEmpty(String text) {
        return text == null || text.isEmpty() ? "—" : text;
    }
}
