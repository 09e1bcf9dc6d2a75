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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Netty HTTP server on each monitored group and transport, called by a real HTTP client from the test
 * thread, with handlers that do nothing, block or spin.
 *
 * <p>Without the agent, blocking calls are announced with {@link Aiocop#audit(String, String)} right before the real
 * call, on the same line, exactly as the agent's advice will; {@link RealJdkBlockingCallsAgentTest} runs the same
 * handlers with the agent and no audit calls.
 */
@ExtendWith(ResetAiocop.class)
final class MonitoredGroupHttpScenariosTest {

    /** Long enough that no ordinary task on a loaded machine is mistaken for the spinning one. */
    private static final long SPIN_MS = 100;

    @TempDir
    Path dir;


    @ParameterizedTest
    @EnumSource(Transport.class)
    void plainHandlerUnderLoadReportsNothing(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport, 1_000)) {
            s.assertQuietUnderLoad();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLoopsWaitForIoIsNeverPartOfATask(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport, 150)) {
            for (int i = 0; i < 3; i++) {
                assertThat(s.server.get("/noop").status()).isEqualTo(200);
                Thread.sleep(600);
            }
            Loops.quiesce(s.group);

            // A task that took in a 600 ms wait would be reported; ordinary noise stays far below 500 ms.
            assertThat(s.reports.drain()).noneMatch(e -> e.elapsedMs() >= 500);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fileReadInHandlerIsModerateWithPathEntryPointAndChannel(Transport transport) throws Exception {
        Path file = Files.writeString(dir.resolve("data.txt"), "hello from disk");
        AtomicInteger line = new AtomicInteger();
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/file", ctx -> {
                line.set(Loops.nextLine());
                Aiocop.audit("open", file.toString()); return Files.readString(file);
            });

            assertThat(s.server.get("/file").body()).isEqualTo("hello from disk");

            SlowTaskEvent event = s.reports.next("file open", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.executorName()).isEqualTo(s.executorName());
            assertThat(event.severityScore()).isEqualTo(10);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.MEDIUM);
            assertThat(event.blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("open(" + file + ")");
            assertThat(event.blockingEvents().get(0).entryPoint())
                    .endsWith("(MonitoredGroupHttpScenariosTest.java:" + line.get() + ")");
            assertChannelContext(transport, s, event);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sleepInHandlerIsHighAndExceedsThreshold(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/sleep", ctx -> {
                Aiocop.audit("sleep", "50 ms"); Thread.sleep(50);
                return "slept";
            });

            assertThat(s.server.get("/sleep").body()).isEqualTo("slept");

            SlowTaskEvent event = s.reports.next("sleep", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.exceededThreshold()).isTrue();
            assertThat(event.thresholdMs()).isEqualTo(HttpScenario.THRESHOLD_MS);
            assertThat(event.elapsedMs()).isGreaterThanOrEqualTo(50);
            // The audited sleep; where Thread.sleep(long) is native (17), sampling also names the real one.
            assertThat(event.blockingEvents()).filteredOn(e -> e.source() != BlockingEventInfo.Source.SAMPLED)
                    .extracting(BlockingEventInfo::event).containsExactly("sleep(50 ms)");
            assertChannelContext(transport, s, event);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void cpuSpinInHandlerIsCpuBlockingWithChannel(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/spin", ctx -> {
                Loops.spin(SPIN_MS);
                return "spun";
            });

            assertThat(s.server.get("/spin").body()).isEqualTo("spun");

            SlowTaskEvent event = s.reports.next("spin", e -> e.elapsedMs() >= SPIN_MS);
            assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
            assertThat(event.exceededThreshold()).isTrue();
            assertThat(event.blockingEvents()).isEmpty();
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.LOW);
            assertChannelContext(transport, s, event);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void localhostLookupInHandlerIsHigh(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/dns", ctx -> {
                Aiocop.audit("getaddrinfo", "localhost"); return InetAddress.getByName("localhost").getHostAddress();
            });

            assertThat(s.server.get("/dns").status()).isEqualTo(200);

            SlowTaskEvent event = s.reports.next("lookup", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
            assertThat(event.blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("getaddrinfo(localhost)");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void slowScheduledTaskIsReportedAsItsOwnTask(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/schedule", ctx -> {
                ctx.executor().schedule(() -> Loops.spin(SPIN_MS), 5, TimeUnit.MILLISECONDS);
                return "scheduled";
            });

            assertThat(s.server.get("/schedule").body()).isEqualTo("scheduled");

            SlowTaskEvent event = s.reports.next("scheduled spin", e -> e.elapsedMs() >= SPIN_MS);
            assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
            assertThat(event.executorName()).isEqualTo(s.executorName());
            assertThat(event.context()).doesNotContainKey(MonitoredNioIoHandle.CHANNEL_ID);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void raiseOnViolationsThrowsAtTheCallSiteAndTheHandlerCatchesIt(Transport transport) throws Exception {
        try (HttpScenario s = HttpScenario.start(transport)) {
            s.server.on("/strict", ctx -> {
                try {
                    Aiocop.audit("sleep", "50 ms"); Thread.sleep(50);
                    return "slept";
                } catch (HighSeverityBlockingIoException refused) {
                    return "refused: " + refused.getMessage();
                }
            });
            Aiocop.enableRaiseOnViolations();

            HttpScenarioServer.Reply reply = s.server.get("/strict");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).startsWith("refused: blocking call sleep(50 ms) refused on an event loop");
            SlowTaskEvent event = s.reports.next("refused sleep", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
            assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
        }
    }

    private static void assertChannelContext(Transport transport, HttpScenario s, SlowTaskEvent event) {
        if (transport.hasChannelContext()) {
            assertThat(event.context()).containsKey(MonitoredNioIoHandle.CHANNEL_ID);
            assertThat(event.context()).containsEntry(MonitoredNioIoHandle.LOCAL_ADDRESS,
                    "/127.0.0.1:" + s.server.port());
            assertThat((String) event.context().get(MonitoredNioIoHandle.REMOTE_ADDRESS)).startsWith("/127.0.0.1:");
        } else {
            assertThat(event.context()).doesNotContainKey(MonitoredNioIoHandle.CHANNEL_ID);
        }
    }
}
