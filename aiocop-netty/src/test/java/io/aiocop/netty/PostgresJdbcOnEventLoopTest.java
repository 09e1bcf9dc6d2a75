package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SeverityLevel;
import io.aiocop.SlowTaskEvent;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler that queries a real PostgreSQL server through JDBC on the event loop, the classic mistake. Without the
 * agent the connect is announced with {@link Aiocop#audit(String, String)}; {@link RealJdkBlockingCallsAgentTest}
 * checks the connect and socket reads the agent sees.
 */
@ExtendWith(ResetAiocop.class)
final class PostgresJdbcOnEventLoopTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void jdbcQueryInHandlerIsReportedHigh(Transport transport) throws Exception {
        String url = PostgresServer.url();
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/db", ctx -> {
                Aiocop.audit("jdbc.connect", "postgresql"); return PostgresServer.ping(url);
            });

            HttpScenarioServer.Reply reply = s.server.get("/db");

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).startsWith("pong from ");
            SlowTaskEvent event = s.reports.next("jdbc", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("jdbc.connect(postgresql)");
        }
    }
}
