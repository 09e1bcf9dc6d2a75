package io.aiocop.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The shipped Grafana dashboard, {@code grafana/aiocop-dashboard.json}, read for the tests. */
final class GrafanaDashboard {

    private final JsonObject json;

    private GrafanaDashboard(JsonObject json) {
        this.json = json;
    }

    static GrafanaDashboard load() throws IOException {
        Path file = Paths.get(System.getProperty("aiocop.dashboard", "../grafana/aiocop-dashboard.json"));
        return new GrafanaDashboard(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonObject());
    }

    JsonObject json() {
        return json;
    }

    /** Every panel, rows included, nested rows' panels too. */
    List<JsonObject> panels() {
        List<JsonObject> panels = new ArrayList<>();
        for (JsonElement panel : json.getAsJsonArray("panels")) {
            panels.add(panel.getAsJsonObject());
            if (panel.getAsJsonObject().has("panels")) {
                panel.getAsJsonObject().getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
            }
        }
        return panels;
    }

    /** The template variables. */
    List<JsonObject> variables() {
        List<JsonObject> variables = new ArrayList<>();
        json.getAsJsonObject("templating").getAsJsonArray("list").forEach(v -> variables.add(v.getAsJsonObject()));
        return variables;
    }

    /** Every PromQL expression of every panel's targets. */
    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonObject panel : panels()) {
            JsonArray targets = panel.getAsJsonArray("targets");
            if (targets != null) {
                targets.forEach(t -> expressions.add(t.getAsJsonObject().get("expr").getAsString()));
            }
        }
        return expressions;
    }

    /** The query of each variable of type {@code query}. */
    List<String> variableQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonObject variable : variables()) {
            if (variable.get("type").getAsString().equals("query")) {
                JsonElement query = variable.get("query");
                queries.add(query.isJsonObject() ? query.getAsJsonObject().get("query").getAsString()
                        : query.getAsString());
            }
        }
        return queries;
    }

    /** Every metric name the dashboard queries: in its panels and in its variables. */
    Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        expressions().forEach(expr -> names.addAll(PromQl.metricNames(expr)));
        variableQueries().forEach(query -> names.addAll(PromQl.variableMetricNames(query)));
        return names;
    }
}
