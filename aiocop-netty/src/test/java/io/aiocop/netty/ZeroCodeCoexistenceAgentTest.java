package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.SlowTaskEvent;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zero-code mode next to the drop-in groups, with the agent installed by self-attach: a plain Netty loop created
 * after {@code patchAuditFunctions()} is timed by the agent, and a {@code MonitoredEventLoopGroup}'s loop, whose
 * {@code pollTask()} runs through the same Netty code, is timed once, by its own monitor.
 */
@ExtendWith(ResetAiocop.class)
final class ZeroCodeCoexistenceAgentTest {

    @BeforeAll
    static void installAgent() {
        Aiocop.patchAuditFunctions();
    }

    private static void sleepOnTheLoop(EventLoopGroup group) throws Exception {
        group.submit(() -> {
            TimeUnit.MILLISECONDS.sleep(60);
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aPlainLoopCreatedAfterSelfAttachIsTimedAndItsBlockingCallRecorded() throws Exception {
        Aiocop.startBlockingIoDetection();
        EventLoopGroup plain = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("zero-code-plain"),
                NioIoHandler.newFactory());
        try (RecordingCallback reports = RecordingCallback.register("zero-code-plain")) {
            sleepOnTheLoop(plain);

            SlowTaskEvent event = reports.next("the plain loop's sleep", e -> !e.blockingEvents().isEmpty());
            assertThat(event.exceededThreshold()).isTrue();
            assertThat(event.blockingEvents()).singleElement()
                    .satisfies(call -> assertThat(call.operation()).isEqualTo("sleep"));
        } finally {
            plain.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aMonitoredGroupsTaskIsReportedOnceNotAgainByTheZeroCodeLoops() throws Exception {
        Aiocop.startBlockingIoDetection();
        String name = "drop-in";
        EventLoopGroup group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).build());
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            sleepOnTheLoop(group);
            reports.next("the drop-in loop's sleep", e -> !e.blockingEvents().isEmpty());
            // Then a clean task on the same loop: once it has run, any report of the sleep's task has been made.
            group.submit(() -> { }).get(30, TimeUnit.SECONDS);
            Thread.sleep(200);

            List<SlowTaskEvent> more = reports.drain();
            assertThat(more).as("reports after the first").noneMatch(e -> !e.blockingEvents().isEmpty());
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theDropInGroupsLoopThreadsAreLeftAloneByTheirClassAndPlainLoopsAreStillTimed() throws Exception {
        Aiocop.startBlockingIoDetection();
        EventLoopGroup dropIn = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name("by-class").build());
        EventLoopGroup plain = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("zero-code-after"),
                NioIoHandler.newFactory());
        try (RecordingCallback dropInReports = RecordingCallback.register("by-class");
             RecordingCallback plainReports = RecordingCallback.register("zero-code-after")) {
            Class<?> loopThread = dropIn.submit(() -> Thread.currentThread().getClass()).get(30, TimeUnit.SECONDS);
            dropIn.submit(() -> { }).get(30, TimeUnit.SECONDS);
            // The bridge is defined in the bootstrap loader and shipped only as a resource: read it there.
            Object skipped = Class.forName("io.aiocop.internal.bootstrap.AiocopBridge", false, null)
                    .getField("dropInLoopThreads").get(null);
            assertThat(skipped).as("the class the bridge skips").isSameAs(loopThread);

            sleepOnTheLoop(dropIn);
            dropInReports.next("the drop-in loop's sleep", e -> !e.blockingEvents().isEmpty());
            // A plain loop's FastThreadLocalThread is not that class: it is still bound and timed by zero-code mode.
            sleepOnTheLoop(plain);
            SlowTaskEvent plainSleep = plainReports.next("the plain loop's sleep", e -> !e.blockingEvents().isEmpty());
            assertThat(plainSleep.blockingEvents()).singleElement()
                    .satisfies(call -> assertThat(call.operation()).isEqualTo("sleep"));

            dropIn.submit(() -> { }).get(30, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertThat(dropInReports.drain()).as("the drop-in sleep reported once")
                    .noneMatch(e -> !e.blockingEvents().isEmpty());
        } finally {
            plain.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            dropIn.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aDropInGroupOnPlainNettyThreadsIsStillTimedOnce() throws Exception {
        Aiocop.startBlockingIoDetection();
        String name = "drop-in-own-factory";
        EventLoopGroup group = new MonitoredEventLoopGroup(1, new DefaultThreadFactory("own-factory"),
                MonitoringOptions.builder().name(name).build());
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            sleepOnTheLoop(group);
            reports.next("the drop-in loop's sleep", e -> !e.blockingEvents().isEmpty());
            group.submit(() -> { }).get(30, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertThat(reports.drain()).as("reports after the first").noneMatch(e -> !e.blockingEvents().isEmpty());
            assertThat(Aiocop.loops()).as("no zero-code loop for the drop-in group's thread")
                    .noneMatch(loop -> loop.name().startsWith("own-factory"));
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
