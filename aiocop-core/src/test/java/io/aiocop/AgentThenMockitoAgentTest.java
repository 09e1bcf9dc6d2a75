package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.FinalGreeter;
import com.acme.LegacyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.MockedStatic;

/**
 * The agent installed first, then Mockito's inline mock maker (mockito-core 5's default) retransforms a final class
 * and a class with a static method in the same JVM. Its own JVM, as every agent test class.
 */
final class AgentThenMockitoAgentTest {

    @TempDir
    Path dir;

    @Test
    void mockitoInlineMocksWorkAfterTheAgentAndTheAgentStillReports() throws Exception {
        AgentFixtures.installAgent();
        Aiocop.registerFunctionToPatch(MockitoCoexistence.QUERY, Severity.WEIGHT_HEAVY);

        FinalGreeter greeter = MockitoCoexistence.mockFinalClass();
        try (MockedStatic<LegacyClient> ping = MockitoCoexistence.mockStaticPing()) {
            MockitoCoexistence.assertBlockingCallsAreReported(Files.writeString(dir.resolve("data.txt"), "x"));

            MockitoCoexistence.assertMocksAnswer(greeter);
            assertThat(LegacyClient.ping()).isEqualTo(42);
            ping.verify(LegacyClient::ping, org.mockito.Mockito.atLeast(2));
        }
        assertThat(LegacyClient.ping()).isEqualTo(1);
    }
}
