package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.AbstractEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of task a loop runs is a task of its own: the blocking call each makes is reported alone, with its
 * own detail, never merged with another's.
 */
final class MonitoredEventLoopTasksTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private String name;
    private MonitoredEventLoopGroup group;
    private RecordingCallback reports;

    @BeforeEach
    void startGroup() {
        Loops.resetAiocop();
        name = "tasks-" + IDS.incrementAndGet();
        reports = RecordingCallback.register(name);
        group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).thresholdMs(1_000).build());
    }

    @AfterEach
    void stopGroup() {
        try {
            reports.close();
        } finally {
            Loops.shutdown(group);
            Loops.resetAiocop();
        }
    }

    @Test
    void executeSubmitLazyScheduledAndTailTasksAreEachReportedAlone() throws Exception {
        EventLoop loop = group.next();
        loop.execute(() -> Aiocop.audit("stat", "execute"));
        loop.submit(() -> Aiocop.audit("stat", "submit")).get(10, TimeUnit.SECONDS);
        ((AbstractEventExecutor) loop).lazyExecute(() -> Aiocop.audit("stat", "lazyExecute"));
        loop.schedule(() -> Aiocop.audit("stat", "schedule"), 1, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
        CountDownLatch tailRan = new CountDownLatch(1);
        loop.execute(() -> ((SingleThreadEventLoop) loop).executeAfterEventLoopIteration(() -> {
            Aiocop.audit("stat", "tail");
            tailRan.countDown();
        }));
        // Tail tasks run once the loop's current batch of tasks ends, which may be after later tasks: wait for it.
        assertThat(tailRan.await(10, TimeUnit.SECONDS)).isTrue();
        Loops.quiesce(group);

        List<String> details = new ArrayList<>();
        for (SlowTaskEvent event : reports.drain()) {
            assertThat(event.blockingEvents()).hasSize(1);
            details.add(event.blockingEvents().get(0).event());
        }
        assertThat(details).containsExactlyInAnyOrder("stat(execute)", "stat(submit)", "stat(lazyExecute)",
                "stat(schedule)", "stat(tail)");
    }

    @Test
    void aTaskDrainedWhileShuttingDownIsATask() throws Exception {
        DrainedAtShutdown.run(group, () -> {
            Aiocop.audit("open", "drained");
            return null;
        });

        assertThat(reports.next().blockingEvents()).extracting(BlockingEventInfo::event)
                .containsExactly("open(drained)");
    }

    @Test
    void fastTaskWithoutBlockingIsNotReported() throws Exception {
        EventLoop loop = group.next();
        loop.execute(() -> { });
        loop.execute(() -> Aiocop.audit("stat", "marker"));

        assertThat(reports.next().blockingEvents()).extracting(BlockingEventInfo::event)
                .containsExactly("stat(marker)");
    }

    @Test
    void deactivatedMonitoringReportsNothingUntilActivated() throws Exception {
        EventLoop loop = group.next();
        Aiocop.deactivate();
        loop.submit(() -> Aiocop.audit("open", "while-deactivated")).get(10, TimeUnit.SECONDS);
        loop.submit(() -> Loops.spin(1_100)).get(10, TimeUnit.SECONDS);
        Aiocop.activate();
        loop.execute(() -> Aiocop.audit("open", "after-activate"));

        SlowTaskEvent first = reports.next();
        assertThat(first.blockingEvents()).extracting(BlockingEventInfo::event)
                .containsExactly("open(after-activate)");
    }

    @Test
    void groupThresholdOverridesTheGlobalOne() throws Exception {
        Aiocop.detectSlowTasks(10_000);
        String strictName = name + "-strict";
        MonitoredEventLoopGroup strict = null;
        try (RecordingCallback strictReports = RecordingCallback.register(strictName)) {
            strict = new MonitoredEventLoopGroup(1,
                    MonitoringOptions.builder().name(strictName).thresholdMs(20).build());
            strict.next().execute(() -> Loops.spin(40));

            SlowTaskEvent event = strictReports.next("40 ms spin", e -> e.elapsedMs() >= 40);
            assertThat(event.thresholdMs()).isEqualTo(20);
            assertThat(event.exceededThreshold()).isTrue();
            assertThat(event.reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
        } finally {
            Loops.shutdown(strict);
        }
    }

    @Test
    void globalThresholdAppliesToGroupsWithoutTheirOwn() throws Exception {
        String plainName = name + "-plain";
        MonitoredEventLoopGroup plain = null;
        try (RecordingCallback plainReports = RecordingCallback.register(plainName)) {
            plain = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(plainName).build());
            Aiocop.detectSlowTasks(10_000);
            plain.next().execute(() -> Loops.spin(40));
            plain.next().execute(() -> Aiocop.audit("stat", "marker"));

            SlowTaskEvent first = plainReports.next();
            assertThat(first.thresholdMs()).isEqualTo(10_000);
            assertThat(first.blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("stat(marker)");
        } finally {
            Loops.shutdown(plain);
        }
    }

    @Test
    void groupTraceDepthBoundsEachEventsTrace() throws Exception {
        String shallowName = name + "-shallow";
        MonitoredEventLoopGroup shallow = null;
        try (RecordingCallback shallowReports = RecordingCallback.register(shallowName)) {
            shallow = new MonitoredEventLoopGroup(1,
                    MonitoringOptions.builder().name(shallowName).traceDepth(2).build());
            shallow.next().execute(() -> Aiocop.audit("open", "shallow"));

            assertThat(shallowReports.next().blockingEvents().get(0).trace()).hasSize(2);
        } finally {
            Loops.shutdown(shallow);
        }
    }

    @Test
    void timeSpentInCallbacksIsNotChargedToTheNextTask() throws Exception {
        String slowName = name + "-slow-callback";
        MonitoredEventLoopGroup slow = null;
        SlowTaskCallback sleepy = event -> {
            if (event.executorName().startsWith(slowName) && event.blockingEvents().stream()
                    .anyMatch(e -> e.event().equals("stat(before-slow-callback)"))) {
                Loops.spin(300);
            }
        };
        Aiocop.registerSlowTaskCallback(sleepy);
        try (RecordingCallback slowReports = RecordingCallback.register(slowName)) {
            slow = new MonitoredEventLoopGroup(1,
                    MonitoringOptions.builder().name(slowName).thresholdMs(200).build());
            EventLoop loop = slow.next();
            loop.execute(() -> {
                Aiocop.audit("stat", "before-slow-callback");
                loop.execute(() -> Aiocop.audit("stat", "after-slow-callback"));
            });

            slowReports.next("first", e -> e.blockingEvents().get(0).event().equals("stat(before-slow-callback)"));
            SlowTaskEvent next = slowReports.next();
            assertThat(next.blockingEvents().get(0).event()).isEqualTo("stat(after-slow-callback)");
            assertThat(next.exceededThreshold()).as("300 ms of callback charged to %s", next).isFalse();
        } finally {
            Aiocop.unregisterSlowTaskCallback(sleepy);
            Loops.shutdown(slow);
        }
    }
}
