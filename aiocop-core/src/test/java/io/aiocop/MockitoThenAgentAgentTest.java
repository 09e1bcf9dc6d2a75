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
 * Mockito's inline mock maker first (a final class and a static method mocked), then
 * {@link Aiocop#patchAuditFunctions()} and a function to patch on a class Mockito has already transformed. Its own
 * JVM, as every agent test class.
 */
final class MockitoThenAgentAgentTest {

    @TempDir
    Path dir;

    @Test
    void theAgentInstalledAfterMockitoReportsAndLeavesTheMocksWorking() throws Exception {
        FinalGreeter greeter = MockitoCoexistence.mockFinalClass();
        try (MockedStatic<LegacyClient> ping = MockitoCoexistence.mockStaticPing()) {
            assertThat(Aiocop.isAuditFunctionsPatched()).isFalse();

            AgentFixtures.installAgent();
            Aiocop.registerFunctionToPatch(MockitoCoexistence.QUERY, Severity.WEIGHT_HEAVY);

            MockitoCoexistence.assertMocksAnswer(greeter);
            assertThat(LegacyClient.ping()).isEqualTo(42);
            MockitoCoexistence.assertMocksAnswer(MockitoCoexistence.mockFinalClass());
            MockitoCoexistence.assertBlockingCallsAreReported(Files.writeString(dir.resolve("data.txt"), "x"));
            ping.verify(LegacyClient::ping, org.mockito.Mockito.atLeast(2));
        }
        assertThat(LegacyClient.ping()).isEqualTo(1);
    }
}
