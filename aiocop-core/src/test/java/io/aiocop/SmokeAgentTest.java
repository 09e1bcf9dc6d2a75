package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SmokeAgentTest {

    @TempDir
    Path tmp;

    @Test
    void smoke() throws Exception {
        Aiocop.patchAuditFunctions();
        Aiocop.allowBlockingCallsInside(AgentTestLoop.class.getName(), "takeTask");
        Aiocop.startBlockingIoDetection();
        Path file = Files.writeString(tmp.resolve("x"), "hello");
        try (AgentTestLoop loop = new AgentTestLoop("smoke")) {
            AgentTestLoop.Outcome outcome = loop.runTask(() -> Files.size(file));
            System.out.println(outcome);
            System.out.println(Aiocop.getPatchedFunctions());
            assertThat(outcome.events()).isNotEmpty();
        }
    }
}
