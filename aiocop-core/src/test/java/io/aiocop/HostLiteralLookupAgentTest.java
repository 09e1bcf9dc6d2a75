package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An IP literal given where a host name may go ({@code new InetSocketAddress("127.0.0.1", 80)},
 * {@code InetAddress.getByName("::1")}) is parsed by {@code InetAddress} without a lookup and is not a blocking
 * call; a name still is, whether it resolves or not.
 */
final class HostLiteralLookupAgentTest {

    /** A call given a host string, labelled for the test name. */
    record HostCall(String label, AgentTestLoop.Action action) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static AgentFixtures.StreamingServer server;
    private static AgentTestLoop loop;

    @BeforeAll
    static void setUp() throws Exception {
        AgentFixtures.installAgent();
        server = new AgentFixtures.StreamingServer();
        // The first SocketChannel looks up its SelectorProvider (a stat of the class path): not on the loop.
        SocketChannel.open().close();
        loop = new AgentTestLoop("host-literals");
    }

    @AfterAll
    static void tearDown() throws Exception {
        loop.close();
        server.close();
    }

    @AfterEach
    void raiseOff() {
        Aiocop.disableRaiseOnViolations();
    }

    static Stream<HostCall> literals() {
        return Stream.of(
                call("new InetSocketAddress(127.0.0.1)", () -> new InetSocketAddress("127.0.0.1", 80)),
                call("new InetSocketAddress(::1)", () -> new InetSocketAddress("::1", 80)),
                call("new InetSocketAddress([::1])", () -> new InetSocketAddress("[::1]", 80)),
                call("getByName(127.0.0.1)", () -> InetAddress.getByName("127.0.0.1")),
                call("getByName(10.1.2.3)", () -> InetAddress.getByName("10.1.2.3")),
                call("getByName(127.1) short form", () -> InetAddress.getByName("127.1")),
                call("getByName(::1)", () -> InetAddress.getByName("::1")),
                call("getByName(0:0:0:0:0:0:0:1)", () -> InetAddress.getByName("0:0:0:0:0:0:0:1")),
                call("getByName(2001:db8::1)", () -> InetAddress.getByName("2001:db8::1")),
                call("getByName(::ffff:127.0.0.1) IPv4-mapped", () -> InetAddress.getByName("::ffff:127.0.0.1")),
                call("getByName(fe80::1%lo) scope by interface", () -> scoped(() -> InetAddress.getByName("fe80::1%lo"))),
                call("getByName(fe80::1%1) numeric scope", () -> InetAddress.getByName("fe80::1%1")),
                call("getByName([fe80::1%lo])", () -> scoped(() -> InetAddress.getByName("[fe80::1%lo]"))),
                call("getAllByName([::1])", () -> InetAddress.getAllByName("[::1]")),
                call("getAllByName(127.0.0.1)", () -> InetAddress.getAllByName("127.0.0.1")),
                call("getByName(null) is the loopback", () -> InetAddress.getByName(null)),
                call("getByName(empty) is the loopback", () -> InetAddress.getByName("")),
                call("getByName(2001:zz::1) refused without lookup", () -> refused(() -> InetAddress.getByName("2001:zz::1"))),
                call("getByName([::1) refused without lookup", () -> refused(() -> InetAddress.getByName("[::1"))));
    }

    static Stream<HostCall> names() {
        return Stream.of(
                call("getByName(localhost)", () -> InetAddress.getByName("localhost")),
                call("getAllByName(localhost)", () -> InetAddress.getAllByName("localhost")),
                call("new InetSocketAddress(localhost)", () -> new InetSocketAddress("localhost", 80)),
                call("getByName(unresolvable)", () -> unknown(() -> InetAddress.getByName("aiocop-no-such-host.invalid"))),
                call("getByName(cafe) starts like hex", () -> unknown(() -> InetAddress.getByName("cafe"))),
                call("getByName(999.1.1.1) looks numeric", () -> unknown(() -> InetAddress.getByName("999.1.1.1"))),
                call("getByName(1.2.3.4.5) five parts", () -> unknown(() -> InetAddress.getByName("1.2.3.4.5"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void anIpLiteralIsNotALookup(HostCall call) throws Exception {
        AgentTestLoop.Outcome outcome = loop.runTask(call.action());

        assertThat(outcome.thrown()).isNull();
        assertThat(outcome.events()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aNameIsAHeavyLookup(HostCall call) throws Exception {
        AgentTestLoop.Outcome outcome = loop.runTask(call.action());

        assertThat(outcome.thrown()).isNull();
        assertThat(outcome.events()).singleElement().satisfies(event -> {
            assertThat(event.event()).startsWith("getaddrinfo(");
            assertThat(event.severity()).isEqualTo(Severity.WEIGHT_HEAVY);
        });
    }

    @Test
    void aNonBlockingConnectToALiteralAddressSucceedsWithRaiseOnViolations() throws Exception {
        int port = server.server.getLocalPort();
        AtomicBoolean connected = new AtomicBoolean();

        AgentTestLoop.Outcome outcome = loop.runTask(() -> {
            Aiocop.enableRaiseOnViolations();
            try (SocketChannel channel = SocketChannel.open()) {
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!channel.finishConnect() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                connected.set(channel.isConnected());
            } finally {
                Aiocop.disableRaiseOnViolations();
            }
        });

        assertThat(outcome.thrown()).isNull();
        assertThat(connected).isTrue();
        assertThat(outcome.events()).extracting(BlockingEventInfo::event).noneMatch(e -> e.startsWith("getaddrinfo"));
    }

    @Test
    void aLookupOfANameIsStillRefusedWithRaiseOnViolations() throws Exception {
        AgentTestLoop.Outcome outcome = loop.runTask(() -> {
            Aiocop.enableRaiseOnViolations();
            try {
                new InetSocketAddress("localhost", 80);
            } finally {
                Aiocop.disableRaiseOnViolations();
            }
        });

        assertThat(outcome.thrown()).isInstanceOf(HighSeverityBlockingIoException.class)
                .hasMessageContaining("getaddrinfo(localhost)");
        List<BlockingEventInfo> events = outcome.events();
        assertThat(events).extracting(BlockingEventInfo::event).containsExactly("getaddrinfo(localhost)");
    }

    private static HostCall call(String label, AgentTestLoop.Action action) {
        return new HostCall(label, action);
    }

    private static void unknown(AgentTestLoop.Action lookup) throws Exception {
        try {
            lookup.run();
        } catch (UnknownHostException expected) {
            // The name service was asked and had no answer.
        }
    }

    private static void scoped(AgentTestLoop.Action parse) throws Exception {
        try {
            parse.run();
        } catch (UnknownHostException noLinkLocalAddressOnLo) {
            // "no scope_id found": the interface exists but has no IPv6 link-local address (IPv6 off). The scope is
            // checked against the interfaces, which is no name lookup either.
        }
    }

    private static void refused(AgentTestLoop.Action parse) throws Exception {
        try {
            parse.run();
        } catch (UnknownHostException expected) {
            // A malformed IPv6 literal, refused before any lookup.
        }
    }
}
