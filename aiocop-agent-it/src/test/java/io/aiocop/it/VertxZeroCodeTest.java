package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class VertxZeroCodeTest {

    @Test
    void blockingHandlerOnAVertxEventLoopIsReportedAndNothingElseIsWithTheAgentArgumentsInForce() throws Exception {
        try (ForkedApp app = ForkedApp.start(ForkedApp.netty42ClassPath(), "com.example.zerocode.VertxApp", true,
                "thresholdMs=40,traceDepth=5,stallThresholdMs=notANumber", "-Daiocop.reporterIntervalMs=1")) {
            int port = app.awaitPort();
            String report = ZeroCodeScenario.run(app,
                    blocking -> HttpRequests.get(port, blocking ? "/blocking" : "/clean"), "clean", "VertxApp.java",
                    "vert.x-eventloop-thread-");
            assertThat(report).contains("read").contains("sleep").contains("threshold 40 ms");
            assertThat(app.output()).contains("aiocop: ignoring option stallThresholdMs=notANumber: expected a number"
                    + " of milliseconds >= 0 (0 turns stall reports off)").contains("the default 1000 stays in force");
        }
    }
}
