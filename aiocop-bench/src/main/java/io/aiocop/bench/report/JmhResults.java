package io.aiocop.bench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one or more JMH runs, in the order JMH wrote them, with look-ups by family, method and params.
 */
public final class JmhResults {

    /** The families in the order; families not listed come after them, by name. */
    private static final List<String> FAMILY_ORDER =
            List.of("TaskDispatch", "LoopbackEcho", "InstrumentedCall", "EventRecording", "Install");

    private final List<JmhResult> results;

    JmhResults(List<JmhResult> results) {
        List<JmhResult> sorted = new ArrayList<>(results);
        // Stable: within a family, JMH's own order (method, then params) is kept.
        sorted.sort(Comparator.comparingInt((JmhResult r) -> familyRank(r.family())).thenComparing(JmhResult::family));
        this.results = List.copyOf(sorted);
    }

    private static int familyRank(String family) {
        int rank = FAMILY_ORDER.indexOf(family);
        return rank >= 0 ? rank : FAMILY_ORDER.size();
    }

    /**
     * Reads JMH JSON files ({@code -rf json}).
     *
     * @param files the files, read in order
     * @return their results
     * @throws IOException when a file cannot be read
     */
    public static JmhResults read(List<Path> files) throws IOException {
        List<JmhResult> all = new ArrayList<>();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (JsonElement element : JsonParser.parseReader(reader).getAsJsonArray()) {
                    all.add(JmhResult.fromJson(element.getAsJsonObject()));
                }
            }
        }
        return new JmhResults(all);
    }

    /**
     * Returns every result, grouped by family in the order.
     *
     * @return an unmodifiable list
     */
    public List<JmhResult> all() {
        return Collections.unmodifiableList(results);
    }

    /**
     * Finds the result of a family's method whose params include {@code params}.
     *
     * @param family the family, e.g. {@code TaskDispatch}
     * @param method the method, e.g. {@code noopTasks}
     * @param params params the result must have (others may differ); {@code variant} among them
     * @return the first such result
     */
    public Optional<JmhResult> find(String family, String method, Map<String, String> params) {
        return results.stream()
                .filter(r -> r.family().equals(family) && r.method().equals(method))
                .filter(r -> r.params().entrySet().containsAll(params.entrySet()))
                .findFirst();
    }

    /**
     * Finds the plain row that {@code result} is compared with.
     *
     * @param result a result with a non-plain variant
     * @return its baseline, if it was measured
     */
    public Optional<JmhResult> baselineOf(JmhResult result) {
        return results.stream().filter(r -> r.isBaselineOf(result)).findFirst();
    }

    /**
     * Returns whether nothing was read.
     *
     * @return true for no results
     */
    public boolean isEmpty() {
        return results.isEmpty();
    }
}
