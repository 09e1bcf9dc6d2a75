package io.aiocop.examples;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the metric names a PromQL expression or a Grafana {@code label_values(...)} query selects. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][\\w:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*[{,]");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan", "atan2");

    private PromQl() {
    }

    /** Returns the metric names {@code expr} selects, in order of appearance. */
    static Set<String> metricNames(String expr) {
        String stripped = expr;
        for (Pattern noise : new Pattern[] {STRING, MATCHERS, RANGE, GROUPING, VARIABLE}) {
            stripped = noise.matcher(stripped).replaceAll(" ");
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group();
            String after = stripped.substring(identifier.end()).stripLeading();
            if (!after.startsWith("(") && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Returns the metric a Grafana Prometheus variable query reads: the first argument of a two-argument
     * {@code label_values(metric, label)}; else the names of a {@code query_result(expr)} or nothing.
     */
    static Set<String> variableMetricNames(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.find()) {
            return Set.of(labelValues.group(1));
        }
        if (query.startsWith("query_result(")) {
            return metricNames(query.substring("query_result(".length(), query.length() - 1));
        }
        return Set.of();
    }
}
