package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PromQlTest {

    @Test
    void selectorsNameTheirMetricNotTheirLabelsOrValues() {
        assertThat(PromQl.metricNames("aiocop_loop_lag_seconds{group=~\"$group\",loop=\"http-1\"}"))
                .containsExactly("aiocop_loop_lag_seconds");
    }

    @Test
    void functionsGroupingRangesAndVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames("sum by (reason, severity) (rate(aiocop_tasks_reported_total"
                + "{group=~\"$group\"}[$__rate_interval])) / on (reason) group_left sum(up offset 5m) > bool 1e3"))
                .containsExactly("aiocop_tasks_reported_total", "up");
    }

    @Test
    void everyOperandOfABinaryExpressionIsRead() {
        assertThat(PromQl.metricNames("rate(a_sum[5m]) / rate(a_count[5m]) or b"))
                .containsExactly("a_sum", "a_count", "b");
    }

    @Test
    void labelValuesReadsItsMetricArgumentOnly() {
        assertThat(PromQl.variableMetricNames("label_values(aiocop_loop_utilization{group=~\"$group\"}, loop)"))
                .containsExactly("aiocop_loop_utilization");
        assertThat(PromQl.variableMetricNames("label_values(aiocop_loop_utilization, group)"))
                .containsExactly("aiocop_loop_utilization");
        assertThat(PromQl.variableMetricNames("label_values(group)")).isEmpty();
    }
}
