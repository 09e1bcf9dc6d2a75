package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.LegacyClient;
import com.acme.Nesting;
import io.aiocop.internal.agent.BlockingCallAgent;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Allowances, nesting, de-duplication, raise-on-violations through instrumented calls, the bridge's exception
 * policy, and functions registered after install.
 */
final class BlockingCallRulesAgentTest {

    private static Path file;
    private static AgentTestLoop loop;

    @BeforeAll
    static void setUp() throws Exception {
        AgentFixtures.installAgent();
        Aiocop.allowBlockingCallsInside(Nesting.class.getName(), "allowedOuter");
        Aiocop.allowBlockingCallsInside(Nesting.class.getName(), "allowedOuterCallingInner");
        Aiocop.disallowBlockingCallsInside(Nesting.class.getName(), "disallowedInner");
        file = Files.writeString(Files.createTempFile("aiocop-rules", ".txt"), "x");
        loop = new AgentTestLoop("rules");
    }

    @AfterAll
    static void tearDown() throws Exception {
        loop.close();
        Files.delete(file);
    }

    @Test
    void blockingInsideAnAllowedMethodIsNotReported() throws Exception {
        assertThat(loop.runTask(() -> Nesting.allowedOuter(file)).events()).isEmpty();
    }

    @Test
    void blockingInsideADisallowedMethodCalledFromAnAllowedOneIsReported() throws Exception {
        assertThat(loop.runTask(() -> Nesting.allowedOuterCallingInner(file)).events())
                .extracting(BlockingEventInfo::event)
                .containsExactly("stat(" + file + ")");
    }

    @Test
    void allowancesFromAServiceLoaderIntegrationApply() throws Exception {
        assertThat(loop.runTask(() -> Nesting.allowedByIntegration(file)).events()).isEmpty();
        assertThat(loop.runTask(() -> Nesting.disallowedInner(file)).events()).hasSize(1);
    }

    @Test
    void aLookupThatCallsAnotherInstrumentedLookupIsReportedOnce() throws Exception {
        assertThat(loop.runTask(() -> InetAddress.getByName("localhost")).events())
                .extracting(BlockingEventInfo::event)
                .containsExactly("getaddrinfo(localhost)");
    }

    @Test
    void aWalkIsReportedOnceAsHeavyThoughItListsAndStatsEveryDirectory() throws Exception {
        Path tree = Files.createTempDirectory("aiocop-walk");
        Files.createDirectories(tree.resolve("a/b/c"));

        List<BlockingEventInfo> events = loop.runTask(() -> Files.walk(tree).count()).events();

        assertThat(events).extracting(BlockingEventInfo::event).containsExactly("walk(" + tree + ")");
        assertThat(events.get(0).severity()).isEqualTo(Severity.WEIGHT_HEAVY);
    }

    @Test
    void nonBlockingChannelsLikeNettysAreNotReported() throws Exception {
        try (AgentFixtures.StreamingServer server = new AgentFixtures.StreamingServer();
                SocketChannel channel = SocketChannel.open(server.address())) {
            channel.configureBlocking(false);

            assertThat(loop.runTask(() -> channel.read(ByteBuffer.allocate(16))).events()).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("try")
    void raiseOnViolationsRefusesTheCallBeforeItRuns() throws Exception {
        Aiocop.registerFunctionToPatch("com.acme.LegacyClient#query", Severity.WEIGHT_HEAVY);
        int before = LegacyClient.QUERIES.get();

        AgentTestLoop.Outcome outcome = loop.runTask(() -> {
            try (RaiseOnViolationsScope scope = Aiocop.raiseOnViolations()) {
                new LegacyClient().query("select 1");
            }
        });

        assertThat(outcome.thrown()).isInstanceOf(HighSeverityBlockingIoException.class)
                .hasMessageContaining("com.acme.LegacyClient#query()");
        assertThat(LegacyClient.QUERIES.get()).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("try")
    void raiseOnViolationsRefusesAJdkCall() throws Exception {
        Path created = file.resolveSibling(file.getFileName() + ".never");

        AgentTestLoop.Outcome outcome = loop.runTask(() -> {
            try (RaiseOnViolationsScope scope = Aiocop.raiseOnViolations()) {
                Files.walk(created.getParent()).count();
            }
        });

        assertThat(outcome.thrown()).isInstanceOf(HighSeverityBlockingIoException.class)
                .hasMessageContaining("walk(");
    }

    @Test
    void aFunctionRegisteredAfterInstallIsReportedWithItsWeight() throws Exception {
        Aiocop.registerFunctionToPatch("com.acme.LegacyClient#query", Severity.WEIGHT_MODERATE);

        assertThat(Aiocop.getPatchedFunctions()).contains("com.acme.LegacyClient#query");
        assertThat(loop.runTask(() -> new LegacyClient().query("select 1")).events())
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.event()).isEqualTo("com.acme.LegacyClient#query()");
                    assertThat(event.severity()).isEqualTo(Severity.WEIGHT_MODERATE);
                });
    }

    @Test
    void specsThatCannotBeHonouredAreRefusedAndNothingIsRegistered() {
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient.query", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must read 'com.acme.Class#method'");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("com.acme.Missing#query", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class com.acme.Missing not found");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient#missing", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declares no method named missing");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient#nativeCall", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native or abstract");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("java.lang.String#length", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDK or library code");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient#ping", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be >= 0, was -1");
        assertThatThrownBy(() -> Aiocop.registerFunctionToPatch(null, 1)).isInstanceOf(NullPointerException.class);

        assertThat(Aiocop.getBlockingEventsDict()).doesNotContainKeys("com.acme.LegacyClient#missing",
                "com.acme.LegacyClient#nativeCall", "com.acme.LegacyClient#ping");
        assertThat(Aiocop.getPatchedFunctions()).doesNotContain("com.acme.LegacyClient#ping");
    }

    @Test
    void badAllowanceArgumentsAreRefused() {
        assertThatThrownBy(() -> Aiocop.allowBlockingCallsInside(" ", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("className");
        assertThatThrownBy(() -> Aiocop.disallowBlockingCallsInside("a.B", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("methodName");
    }

    @Test
    void theBridgeSwallowsEveryFailureOfItsHookButTheDeliberateOne() throws Exception {
        Class<?> bridge = Class.forName(BlockingCallAgent.BRIDGE, true, null);
        java.lang.reflect.Field hook = bridge.getField("enterHook");
        Object original = hook.get(null);
        try {
            // Only for the call under test: the loop's own wait for tasks passes through the hook too.
            hook.set(null, (BiPredicate<String, Object>) (operation, argument) -> {
                if ("stat".equals(operation)) {
                    throw new IllegalStateException("hook bug");
                }
                return false;
            });
            AgentTestLoop.Outcome swallowed = loop.runTask(() -> Files.size(file));
            assertThat(swallowed.thrown()).isNull();

            hook.set(null, (BiPredicate<String, Object>) (operation, argument) -> {
                if ("stat".equals(operation)) {
                    throw new HighSeverityBlockingIoException(50, 1.0, List.of());
                }
                return false;
            });
            AgentTestLoop.Outcome raised = loop.runTask(() -> Files.size(file));
            assertThat(raised.thrown()).isInstanceOf(HighSeverityBlockingIoException.class);
        } finally {
            hook.set(null, original);
        }
    }
}
