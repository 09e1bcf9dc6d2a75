package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aiocop.micrometer.AiocopMetrics;
import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The README's OTLP snippet, run against a local OTLP/HTTP receiver standing in for a collector. */
final class OtlpExportTest {

    @Test
    void readmeSnippetSendsAiocopsMetersToAnOtlpCollector() throws Exception {
        Set<String> received = ConcurrentHashMap.newKeySet();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/metrics", exchange -> {
            ExportMetricsServiceRequest export = ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody());
            export.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().forEach(
                    scope -> scope.getMetricsList().stream().map(Metric::getName).forEach(received::add)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String collectorUrl = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics";
        try {
            // The README's snippet, with the collector's address:
            OtlpConfig config = Map.of(
                    "otlp.url", collectorUrl,   // e.g. http://otel-collector:4318/v1/metrics
                    "otlp.step", "30s",
                    "otlp.resourceAttributes", "service.name=checkout")::get;
            OtlpMeterRegistry registry = new OtlpMeterRegistry(config, Clock.SYSTEM);
            AiocopMetrics metrics = new AiocopMetrics();
            metrics.bindTo(registry);
            // ... at shutdown:
            metrics.close();
            registry.close();   // publishes the last step
        } finally {
            collector.stop(0);
        }
        assertThat(received).contains("aiocop.monitoring.active", "aiocop.callback.failures");
    }
}
