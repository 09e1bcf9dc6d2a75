package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class DemoServeIT {

    @Test
    void serveAnswersTheEndpointsAndPublishesTheirBlockingCallsOnMetricsUntilStopped() throws Exception {
        DemoProcess demo = DemoProcess.serve();
        try {
            assertThat(demo.get("/").body()).contains("/sleep", "/stall", "/metrics");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> sleep = demo.get("/sleep");
                assertThat(sleep.statusCode()).isEqualTo(200);
                assertThat(sleep.body()).isEqualTo("slept 50 ms\n");
            }
            assertThat(demo.get("/nowhere").statusCode()).isEqualTo(404);

            // Meters are updated by a callback right after the task that answered, so a scrape that races the
            // third request's task end may see 2: scrape until it has seen all three.
            HttpResponse<String> metrics = demo.get("/metrics");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Scrape.of(metrics.body()).sum("aiocop_blocking_calls_total", "operation=\"sleep\"") < 3
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
                metrics = demo.get("/metrics");
            }
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValue(DemoMetrics.CONTENT_TYPE);
            Scrape scrape = Scrape.of(metrics.body());
            assertThat(metrics.body()).contains("# TYPE aiocop_blocking_calls_total counter");
            assertThat(scrape.sum("aiocop_blocking_calls_total", "operation=\"sleep\"")).isEqualTo(3);
            assertThat(scrape.sum("aiocop_monitoring_active", "app=\"aiocop-demo\"")).isEqualTo(1);
            assertThat(scrape.sum("aiocop_tasks_reported_total", "severity=\"high\"")).isGreaterThanOrEqualTo(3);
        } finally {
            demo.close();
        }
        assertThat(demo.isAlive()).as("the demo stopped on SIGTERM").isFalse();
    }
}
