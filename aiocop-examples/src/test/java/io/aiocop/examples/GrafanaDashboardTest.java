package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class GrafanaDashboardTest {

    private static final String DATASOURCE = "${DS_PROMETHEUS}";
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__interval", "__range");

    @Test
    void isAnImportableDashboardWithAPrometheusInput() throws Exception {
        JsonObject json = GrafanaDashboard.load().json();
        assertThat(json.get("title").getAsString()).isNotBlank();
        assertThat(json.get("uid").getAsString()).matches("[A-Za-z0-9_-]{1,40}");
        assertThat(json.get("schemaVersion").getAsInt()).isGreaterThanOrEqualTo(36);
        assertThat(json.getAsJsonObject("time").get("from").getAsString()).isNotBlank();
        JsonObject input = json.getAsJsonArray("__inputs").get(0).getAsJsonObject();
        assertThat(input.get("name").getAsString()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.get("type").getAsString()).isEqualTo("datasource");
        assertThat(input.get("pluginId").getAsString()).isEqualTo("prometheus");
    }

    @Test
    void everyPanelHasAnIdAPlaceAndPrometheusTargets() throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (JsonObject panel : GrafanaDashboard.load().panels()) {
            String title = panel.get("title").getAsString();
            assertThat(ids.add(panel.get("id").getAsInt())).as("unique id of %s", title).isTrue();
            assertThat(panel.get("type").getAsString()).as("type of %s", title).isNotBlank();
            JsonObject place = panel.getAsJsonObject("gridPos");
            assertThat(place.get("x").getAsInt() + place.get("w").getAsInt()).as("width of %s", title)
                    .isBetween(1, 24);
            assertThat(place.get("h").getAsInt()).as("height of %s", title).isPositive();
            assertThat(place.get("y").getAsInt()).as("row of %s", title).isNotNegative();
            if (panel.get("type").getAsString().equals("row")) {
                continue;
            }
            assertThat(panel.getAsJsonObject("datasource").get("uid").getAsString()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.getAsJsonArray("targets")).as("targets of %s", title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonElement target : panel.getAsJsonArray("targets")) {
                JsonObject t = target.getAsJsonObject();
                assertThat(refIds.add(t.get("refId").getAsString())).as("unique refId in %s", title).isTrue();
                assertThat(t.get("expr").getAsString()).as("expr in %s", title).isNotBlank();
                assertThat(t.getAsJsonObject("datasource").get("uid").getAsString()).isEqualTo(DATASOURCE);
            }
        }
    }

    @Test
    void groupAndLoopVariablesExistAndEveryVariableUsedIsDefined() throws Exception {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        Set<String> defined = dashboard.variables().stream().map(v -> v.get("name").getAsString())
                .collect(Collectors.toSet());
        assertThat(defined).contains("group", "loop");
        for (JsonObject variable : dashboard.variables()) {
            if (variable.get("type").getAsString().equals("query")) {
                assertThat(variable.getAsJsonObject("datasource").get("uid").getAsString()).isEqualTo(DATASOURCE);
            }
        }
        Pattern use = Pattern.compile("\\$\\{?(\\w+)");
        for (String expr : dashboard.expressions()) {
            Matcher variable = use.matcher(expr);
            while (variable.find()) {
                assertThat(variable.group(1)).as("variable in %s", expr)
                        .isIn(union(defined, GRAFANA_VARIABLES));
            }
        }
    }

    @Test
    void plotsLagUtilisationTaskTimePendingTasksSlowTasksBlockingCallsAndStalls() throws Exception {
        assertThat(GrafanaDashboard.load().metricNames()).contains(
                "aiocop_loop_lag_seconds",
                "aiocop_loop_utilization",
                "aiocop_loop_task_duration_seconds",
                "aiocop_loop_tasks_pending",
                "aiocop_tasks_reported_total",
                "aiocop_blocking_calls_total",
                "aiocop_stalls_total");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
