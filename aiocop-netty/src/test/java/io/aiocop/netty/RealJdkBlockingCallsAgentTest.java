package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.HighSeverityBlockingIoException;
import io.aiocop.SeverityLevel;
import io.aiocop.SlowTaskEvent;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTP scenarios with real JDK blocking calls and no {@link Aiocop#audit(String, String)}: they need the
 * blocking-call agent, installed as a user installs it, with {@link Aiocop#patchAuditFunctions()}. Runs in its own
 * surefire execution (the agent changes JDK classes for the rest of the JVM's life).
 */
@ExtendWith(ResetAiocop.class)
final class RealJdkBlockingCallsAgentTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void installAgent() {
        Aiocop.patchAuditFunctions();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void plainHandlerUnderLoadReportsNothingWithTheAgent(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport, 1_000)) {
            s.assertQuietUnderLoad();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void fileReadInHandlerIsModerateWithPathAndEntryPoint(Transport transport) throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "hello from disk");
        AtomicInteger line = new AtomicInteger();
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/file", ctx -> {
                line.set(Loops.nextLine());
                return Files.readString(file);
            });

            assertThat(s.server.get("/file").body()).isEqualTo("hello from disk");

            SlowTaskEvent event = s.reports.next("file read", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.MEDIUM);
            BlockingEventInfo open = event.blockingEvents().stream()
                    .filter(e -> e.event().startsWith("open(") && e.event().contains(file.toString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no open(" + file + ") in " + event));
            assertThat(open.entryPoint()).endsWith("(RealJdkBlockingCallsAgentTest.java:" + line.get() + ")");
        }
    }

    @Test
    void blockingInATaskDrainedWhileShuttingDownIsRecorded() throws Exception {
        Path file = Files.writeString(dir.resolve("drained.txt"), "drained");
        String name = "agent-drain";
        MonitoredEventLoopGroup group = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).build());
            DrainedAtShutdown.run(group, () -> Files.readString(file));

            SlowTaskEvent event = reports.next("drained read", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.blockingEvents())
                    .anyMatch(e -> e.event().startsWith("open(") && e.event().contains(file.toString()));
        } finally {
            Loops.shutdown(group);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void sleepInHandlerIsHighAndExceedsThreshold(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/sleep", ctx -> {
                sleep50();
                return "slept";
            });

            assertThat(s.server.get("/sleep").body()).isEqualTo("slept");

            SlowTaskEvent event = s.reports.next("sleep", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.exceededThreshold()).isTrue();
            assertThat(event.blockingEvents()).anyMatch(e -> e.event().startsWith("sleep("));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void localhostLookupInHandlerIsHigh(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/dns", ctx -> InetAddress.getByName("localhost").getHostAddress());

            assertThat(s.server.get("/dns").status()).isEqualTo(200);

            SlowTaskEvent event = s.reports.next("lookup", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.blockingEvents()).anyMatch(e -> e.event().startsWith("getaddrinfo(localhost"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void jdbcQueryInHandlerReportsConnectAndSocketReads(Transport transport) throws Exception {
        String url = PostgresServer.url();
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/db", ctx -> PostgresServer.ping(url));

            HttpScenarioServer.Reply reply = s.server.get("/db");

            assertThat(reply.body()).startsWith("pong from ");
            SlowTaskEvent event = s.reports.next("jdbc", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.blockingEvents())
                    .anyMatch(e -> e.event().startsWith("connect(") || e.event().startsWith("jdbc.connect("))
                    .anyMatch(e -> e.event().startsWith("socket.read("));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"NIO_DROP_IN", "EPOLL"})
    void raiseOnViolationsRefusesTheRealSleepAndTheHandlerCatchesIt(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/strict", ctx -> {
                try {
                    sleep50();
                    return "slept";
                } catch (HighSeverityBlockingIoException refused) {
                    return "refused: " + refused.getMessage();
                }
            });
            Aiocop.enableRaiseOnViolations();

            assertThat(s.server.get("/strict").body()).startsWith("refused: blocking call sleep(");
        }
    }

    /**
     * Sleeps 50 ms the way the agent can see on this JDK: {@code Thread.sleep(long)} on Java 21 and later; on Java
     * 17 it is native and not instrumented (the agent says so at install), so {@code TimeUnit.sleep}, which goes
     * through the instrumented {@code Thread.sleep(long, int)}.
     */
    private static void sleep50() throws InterruptedException {
        if (Runtime.version().feature() >= 21) {
            Thread.sleep(50);
        } else {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
