package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.LegacyClient;
import org.junit.jupiter.api.Test;

/** Runs in a JVM of its own (surefire forks one per agent test class), where the agent is not installed yet. */
final class FunctionBeforeInstallAgentTest {

    @Test
    void aFunctionRegisteredBeforeInstallIsInstrumentedByTheInstallWhichRunsOnce() throws Exception {
        assertThat(Aiocop.isAuditFunctionsPatched()).isFalse();
        Aiocop.registerFunctionToPatch("com.acme.LegacyClient#ping", Severity.WEIGHT_LIGHT);

        AgentFixtures.installAgent();

        assertThat(Aiocop.getPatchedFunctions()).contains("com.acme.LegacyClient#ping", "java.io.FileInputStream#open",
                "java.util.concurrent.locks.LockSupport#park");
        try (AgentTestLoop loop = new AgentTestLoop("before-install")) {
            assertThat(loop.runTask(LegacyClient::ping).events())
                    .extracting(BlockingEventInfo::event, BlockingEventInfo::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("com.acme.LegacyClient#ping()",
                            Severity.WEIGHT_LIGHT));
        }

        // Installing again does nothing.
        int patched = Aiocop.getPatchedFunctions().size();
        Aiocop.patchAuditFunctions();
        assertThat(Aiocop.getPatchedFunctions()).hasSize(patched);
    }
}
