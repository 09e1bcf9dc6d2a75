package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class Netty41ZeroCodeTest {

    @Test
    void blockingHandlerOnNetty41IsReportedAndNothingElseIs() throws Exception {
        try (ForkedApp app = ForkedApp.start(ForkedApp.netty41ClassPath(), "com.example.zerocode.Netty41App", true,
                "")) {
            int port = app.awaitPort();
            String report = ZeroCodeScenario.run(app, blocking -> HttpRequests.line(port, blocking ? "block" : "hi"),
                    "clean", "Netty41App.java", "nioEventLoopGroup-");
            assertThat(report).contains("read").contains("sleep");
            assertThat(app.output()).contains("zero-code mode: timing the tasks of Netty 4.1.137.Final event loops");
        }
    }

    @Test
    void withoutTheAgentTheSameApplicationAnswersTheSameAndLogsNothingOfAiocop() throws Exception {
        List<List<String>> answers = new ArrayList<>();
        for (boolean agent : new boolean[] {true, false}) {
            ForkedApp app = ForkedApp.start(ForkedApp.netty41ClassPath(), "com.example.zerocode.Netty41App", agent,
                    "");
            List<String> got = new ArrayList<>();
            try {
                int port = app.awaitPort();
                for (String request : new String[] {"hi", "block", "hi", "block", "x"}) {
                    got.add(HttpRequests.line(port, request));
                }
            } finally {
                app.close();
            }
            answers.add(got);
            assertThat(app.exitCode()).as("exit code, agent " + agent).isZero();
            if (!agent) {
                assertThat(app.output()).doesNotContain("aiocop:").doesNotContain("io.aiocop");
            }
        }
        assertThat(answers.get(0)).containsExactly("clean", "hello from a file", "clean", "hello from a file",
                "clean");
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }
}
