package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.HighSeverityBlockingIoException;
import io.aiocop.SlowTaskEvent;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netty's own rules, on real loop threads with the agent installed as a user installs it: the allowances of Netty's
 * deliberate blocking come from aiocop-netty's integration, and Netty's opt-out
 * ({@link FastThreadLocalThread#permitBlockingCalls()}) is honoured.
 */
@ExtendWith(ResetAiocop.class)
final class NettyRulesAgentTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void installAgent() {
        Aiocop.patchAuditFunctions();
    }

    /** A loop thread of the kind a framework makes when it lets its loops block: Netty's documented opt-out. */
    static final class PermittingThread extends FastThreadLocalThread {
        PermittingThread(Runnable target, String name) {
            super(target, name);
        }

        @Override
        public boolean permitBlockingCalls() {
            return true;
        }
    }

    private static ThreadFactory permittingThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> new PermittingThread(task, prefix + "-" + n.incrementAndGet());
    }

    /** Sleeps 60 ms in a task on {@code group}'s loop and returns what the sleep threw, or null. */
    private static Throwable sleepOnTheLoop(EventLoopGroup group) throws Exception {
        return group.submit(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(60);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aThreadThatPermitsBlockingIsNeverRefusedAndItsCallsAreMarkedPermitted() throws Exception {
        Aiocop.enableRaiseOnViolations();
        String name = "permitting";
        EventLoopGroup group = new MonitoredEventLoopGroup(1, permittingThreads(name),
                MonitoringOptions.builder().name(name).build());
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            Throwable thrown = sleepOnTheLoop(group);
            assertThat(thrown).as("a permitted sleep is not refused").isNull();

            SlowTaskEvent event = reports.next("permitted sleep", e -> !e.blockingEvents().isEmpty());
            assertThat(event.blockingEvents()).singleElement().satisfies(call -> {
                assertThat(call.operation()).isEqualTo("sleep");
                assertThat(call.permitted()).isTrue();
                assertThat(call.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
            });
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void onAnOrdinaryLoopThreadTheSameSleepIsRefusedAndNotPermitted() throws Exception {
        Aiocop.enableRaiseOnViolations();
        String name = "ordinary";
        EventLoopGroup group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).build());
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            Throwable thrown = sleepOnTheLoop(group);
            assertThat(thrown).isInstanceOf(HighSeverityBlockingIoException.class);

            SlowTaskEvent event = reports.next("refused sleep", e -> !e.blockingEvents().isEmpty());
            assertThat(event.blockingEvents()).singleElement().satisfies(call -> {
                assertThat(call.operation()).isEqualTo("sleep");
                assertThat(call.permitted()).isFalse();
                assertThat(call.durationNanos()).isEqualTo(BlockingEventInfo.UNKNOWN_DURATION);
            });
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void nettysFileRegionTransferIsAllowedByTheNettyIntegrationWhileTheSameOpenOutsideIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("region.txt"), "zero-copy");
        String name = "region";
        long size = Files.size(file);
        EventLoopGroup group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).build());
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group.submit(() -> {
                // DefaultFileRegion opens its file lazily, in transferTo: Netty's own, allowed.
                DefaultFileRegion region = new DefaultFileRegion(file.toFile(), 0, size);
                try {
                    region.transferTo(Channels.newChannel(new ByteArrayOutputStream()), 0);
                } finally {
                    region.release();
                }
                // The same open in application code.
                new RandomAccessFile(file.toFile(), "r").close();
                return null;
            }).get(30, TimeUnit.SECONDS);

            SlowTaskEvent event = reports.next("application open", e -> !e.blockingEvents().isEmpty());
            assertThat(event.blockingEvents()).extracting(BlockingEventInfo::operation).containsOnly("open");
            assertThat(event.blockingEvents()).singleElement()
                    .satisfies(call -> assertThat(call.entryPoint()).contains(NettyRulesAgentTest.class.getName()));
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
