package io.aiocop.examples;

import io.aiocop.micrometer.AiocopMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.stream.Collectors;

/**
 * aiocop's meters in Micrometer's Prometheus registry (the real Prometheus client library): what the server's
 * {@code /metrics} answers and what the demo prints at the end.
 */
final class DemoMetrics implements AutoCloseable {

    /** The content type of Prometheus' text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AiocopMetrics aiocop = new AiocopMetrics(Tags.of("app", "aiocop-demo"));

    DemoMetrics() {
        aiocop.bindTo(registry);
    }

    /** Returns every meter in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }

    /** Returns the samples of aiocop's meters, one per line, without the HELP and TYPE comments. */
    String aiocopSamples() {
        return scrape().lines().filter(line -> line.startsWith("aiocop_")).sorted()
                .collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public void close() {
        aiocop.close();
        registry.close();
    }
}
