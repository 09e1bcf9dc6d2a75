package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class VertxZeroCodeTest {

    @Test
    void blockingHandlerOnAVertxEventLoopIsReportedAndNothingElseIs() throws Exception {
        try (ForkedApp app = ForkedApp.start(ForkedApp.netty42ClassPath(), "com.example.zerocode.VertxApp", true,
                "")) {
            int port = app.awaitPort();
            String report = ZeroCodeScenario.run(app,
                    blocking -> HttpRequests.get(port, blocking ? "/blocking" : "/clean"), "clean", "VertxApp.java",
                    "vert.x-eventloop-thread-");
            assertThat(report).contains("read").contains("sleep");
        }
    }
}
