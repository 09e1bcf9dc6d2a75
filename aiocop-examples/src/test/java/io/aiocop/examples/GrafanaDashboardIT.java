package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class GrafanaDashboardIT {

    @Test
    void everyMetricTheDashboardQueriesIsInTheServingDemosScrapeAfterTraffic() throws Exception {
        Set<String> queried = GrafanaDashboard.load().metricNames();
        assertThat(queried).isNotEmpty();
        try (DemoProcess demo = DemoProcess.serve()) {
            for (Endpoint endpoint : Endpoint.values()) {
                assertThat(demo.get(endpoint.path()).statusCode()).as(endpoint.path()).isEqualTo(200);
            }
            // Meters of a task appear right after it ends (the /schedule reload runs 10 ms after its answer):
            // scrape until every queried name is there or 30 s passed.
            Set<String> missing = new LinkedHashSet<>(queried);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                missing.removeAll(Scrape.of(demo.get("/metrics").body()).names());
                if (missing.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertThat(missing).as("metrics the dashboard queries that the demo's /metrics lacks").isEmpty();
        }
    }
}
