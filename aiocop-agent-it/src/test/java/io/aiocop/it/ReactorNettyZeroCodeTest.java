package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ReactorNettyZeroCodeTest {

    @Test
    void handlerThatReadsAFileAndSleepsIsReportedWithItsLineAndNothingElseIs() throws Exception {
        try (ForkedApp app = ForkedApp.start(ForkedApp.netty42ClassPath(), "com.example.zerocode.ReactorNettyApp",
                true, "")) {
            int port = app.awaitPort();
            String report = ZeroCodeScenario.run(app,
                    blocking -> HttpRequests.get(port, blocking ? "/blocking" : "/clean"), "clean",
                    "ReactorNettyApp.java", "reactor-http-");
            assertThat(report).contains("read");
            assertThat(app.output()).contains("zero-code mode: timing the tasks of Netty 4.2.18.Final event loops");
        }
    }
}
