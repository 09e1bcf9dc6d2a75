package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One monitored group with a real HTTP server on it and a callback recording its reports; warmed up so that
 * class loading of the first requests is not in any assertion. Closing it closes the server, unregisters the
 * callback and shuts the group down.
 */
final class HttpScenario implements AutoCloseable {

    static final long THRESHOLD_MS = 30;

    private static final AtomicInteger IDS = new AtomicInteger();

    final String groupName;
    final EventLoopGroup group;
    final HttpScenarioServer server;
    final RecordingCallback reports;

    private HttpScenario(String groupName, EventLoopGroup group, HttpScenarioServer server,
                         RecordingCallback reports) {
        this.groupName = groupName;
        this.group = group;
        this.server = server;
        this.reports = reports;
    }

    static HttpScenario start(Transport transport) throws Exception {
        return start(transport, THRESHOLD_MS);
    }

    static HttpScenario start(Transport transport, long thresholdMs) throws Exception {
        String unavailable = transport.unavailableBecause();
        assumeTrue(unavailable == null, unavailable);
        String name = "http-" + transport.name().toLowerCase(java.util.Locale.ROOT) + "-" + IDS.incrementAndGet();
        RecordingCallback reports = RecordingCallback.register(name);
        EventLoopGroup group = null;
        HttpScenarioServer server = null;
        try {
            group = transport.newGroup(MonitoringOptions.builder().name(name).thresholdMs(thresholdMs).build());
            server = new HttpScenarioServer(group, transport);
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/noop").body()).isEqualTo("ok");
            }
            Loops.quiesce(group);
            reports.drain();
            return new HttpScenario(name, group, server, reports);
        } catch (Exception | Error e) {
            closeAll(server, reports, group);
            throw e;
        }
    }

    /** Sends 200 requests to a handler that does nothing and checks that not one task was reported. */
    void assertQuietUnderLoad() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertThat(server.get("/noop").status()).isEqualTo(200);
        }
        Loops.quiesce(group);

        assertThat(reports.drain()).isEmpty();
    }

    String executorName() {
        return groupName + "-1";
    }

    @Override
    public void close() {
        closeAll(server, reports, group);
    }

    private static void closeAll(HttpScenarioServer server, RecordingCallback reports, EventLoopGroup group) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            reports.close();
            Loops.shutdown(group);
        }
    }
}
