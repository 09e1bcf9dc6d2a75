package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.FinalGreeter;
import com.acme.LegacyClient;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.mockito.MockedStatic;
import org.mockito.Mockito;

/**
 * What both install orders of the agent and Mockito's inline mock maker check (each order runs in a JVM of its own,
 * {@link AgentThenMockitoAgentTest} and {@link MockitoThenAgentAgentTest}): Mockito's mocks of a final class and of
 * a static method answer, and the agent still reports the blocking calls of a monitored task, including a call of
 * {@link LegacyClient#query(String)}, a class both of them transform.
 */
final class MockitoCoexistence {

    static final String QUERY = "com.acme.LegacyClient#query";

    private MockitoCoexistence() {
    }

    /** Mocks the final {@link FinalGreeter}, stubs it and checks that the mock answers and real instances do not. */
    static FinalGreeter mockFinalClass() {
        FinalGreeter greeter = Mockito.mock(FinalGreeter.class);
        Mockito.when(greeter.greet("mock")).thenReturn("mocked");
        assertMocksAnswer(greeter);
        return greeter;
    }

    /** Mocks the static {@link LegacyClient#ping()}; the caller closes the returned scope. */
    static MockedStatic<LegacyClient> mockStaticPing() {
        MockedStatic<LegacyClient> ping = Mockito.mockStatic(LegacyClient.class);
        ping.when(LegacyClient::ping).thenReturn(42);
        assertThat(LegacyClient.ping()).isEqualTo(42);
        return ping;
    }

    /** Checks a mock made by {@link #mockFinalClass()}, after whatever happened since. */
    static void assertMocksAnswer(FinalGreeter greeter) {
        assertThat(greeter.greet("mock")).isEqualTo("mocked");
        assertThat(new FinalGreeter().greet("real")).isEqualTo("hello real");
        Mockito.verify(greeter, Mockito.atLeastOnce()).greet("mock");
    }

    /** Runs a file read, a sleep and a real {@code LegacyClient.query} in one monitored task: all are reported. */
    static void assertBlockingCallsAreReported(Path file) throws Exception {
        try (AgentTestLoop loop = new AgentTestLoop("coexistence")) {
            AgentTestLoop.Outcome outcome = loop.runTask(() -> {
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    in.read();
                }
                TimeUnit.MILLISECONDS.sleep(1);
                new LegacyClient().query("SELECT 1");
            });

            assertThat(outcome.thrown()).isNull();
            assertThat(outcome.events()).extracting(BlockingEventInfo::event)
                    .contains("open(" + file + ")", "file.read(" + file + ")", QUERY + "()")
                    .anyMatch(event -> event.startsWith("sleep("));
        }
    }
}
