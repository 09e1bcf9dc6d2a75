package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskEvent;
import io.aiocop.internal.DropInLoopThread;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating, configuring and shutting down monitored groups, with every kind of thread source. */
@ExtendWith(ResetAiocop.class)
final class MonitoredGroupLifecycleTest {

    private static final AtomicInteger IDS = new AtomicInteger();


    @Test
    void loopThreadsAreTheLibrarysOwnFastThreadLocalThreadsNamedAfterTheGroup() throws Exception {
        String name = "own-threads-" + IDS.incrementAndGet();
        MonitoredEventLoopGroup group = null;
        try {
            group = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(name).build());
            Thread thread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            assertThat(thread).isInstanceOf(FastThreadLocalThread.class);
            assertThat(thread.getClass()).isSameAs(MonitoredThreadFactory.MonitoredLoopThread.class);
            assertThat(thread.getName()).isEqualTo(name + "-1");
            assertThat(thread.isDaemon()).isFalse();
            // It carries its loop's monitor, which the agent's hooks read instead of a thread-local.
            MonitoredIoEventLoop loop = (MonitoredIoEventLoop) group.next();
            Object carried = loop.submit(() -> ((DropInLoopThread) Thread.currentThread()).boundMonitor())
                    .get(10, TimeUnit.SECONDS);
            assertThat(carried).isSameAs(loop.monitor());
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void userThreadFactoryKeepsWorkingAndItsLoopsAreMonitored() throws Exception {
        String name = "user-factory-" + IDS.incrementAndGet();
        AtomicInteger made = new AtomicInteger();
        ThreadFactory factory = task -> new Thread(task, name + "-thread-" + made.incrementAndGet());
        MonitoredEventLoopGroup group = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group = new MonitoredEventLoopGroup(1, factory, MonitoringOptions.builder().name(name).build());
            Thread thread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            group.next().execute(() -> Aiocop.audit("open", "from-user-thread"));

            assertThat(thread.getName()).isEqualTo(name + "-thread-1");
            assertThat(reports.next().blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("open(from-user-thread)");
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void userExecutorKeepsWorkingAndItsLoopsAreMonitored() throws Exception {
        String name = "user-executor-" + IDS.incrementAndGet();
        ExecutorService pool = Executors.newCachedThreadPool(task -> new Thread(task, name + "-pooled"));
        MonitoredIoEventLoopGroup group = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group = new MonitoredIoEventLoopGroup(1, pool, NioIoHandler.newFactory(),
                    MonitoringOptions.builder().name(name).build());
            Thread thread = group.next().submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            group.next().execute(() -> Aiocop.audit("open", "from-pool"));

            assertThat(thread.getName()).isEqualTo(name + "-pooled");
            assertThat(reports.next().blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("open(from-pool)");
        } finally {
            Loops.shutdown(group);
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownGracefullyCompletesAndLeavesNoThreadBehind() throws Exception {
        String name = "shutdown-" + IDS.incrementAndGet();
        List<Function<MonitoringOptions, EventExecutorGroup>> kinds = List.of(
                options -> new MonitoredEventLoopGroup(2, options),
                options -> new MonitoredIoEventLoopGroup(2, EpollIoHandler.newFactory(), options),
                options -> new MonitoredEventExecutorGroup(2, options));
        for (Function<MonitoringOptions, EventExecutorGroup> kind : kinds) {
            List<Thread> threads = new ArrayList<>();
            EventExecutorGroup group = kind.apply(MonitoringOptions.builder().name(name).build());
            try {
                for (EventExecutor executor : group) {
                    threads.add(executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS));
                }
            } finally {
                assertThat(group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(20, TimeUnit.SECONDS))
                        .as("shutdown of %s completes", group).isTrue();
            }

            assertThat(group.isTerminated()).isTrue();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(thread.isAlive()).as("%s is gone", thread).isFalse();
            }
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith(name + "-") && t.isAlive());
        }
    }

    @Test
    void monitoringFollowsALoopThatResumesOnAnotherThread() throws Exception {
        String name = "resume-" + IDS.incrementAndGet();
        MonitoredIoEventLoopGroup group = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group = new MonitoredIoEventLoopGroup(1, NioIoHandler.newFactory(),
                    MonitoringOptions.builder().name(name).build());
            SingleThreadEventExecutor loop = (SingleThreadEventExecutor) group.next();
            Thread first = loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            assertThat(loop.trySuspend()).isTrue();
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(first.isAlive()).as("suspended loop's thread ended").isFalse();

            Thread second = loop.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            loop.execute(() -> Aiocop.audit("open", "after-resume"));

            assertThat(second).isNotSameAs(first);
            assertThat(((DropInLoopThread) first).boundMonitor()).as("the ended thread's monitor").isNull();
            assertThat(loop.submit(() -> ((DropInLoopThread) Thread.currentThread()).boundMonitor())
                    .get(10, TimeUnit.SECONDS)).as("the new thread's monitor")
                    .isSameAs(((MonitoredIoEventLoop) loop).monitor());
            SlowTaskEvent event = reports.next();
            assertThat(event.executorName()).isEqualTo(name + "-1");
            assertThat(event.blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("open(after-resume)");
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void rebuildSelectorsKeepsTheLoopsWorking() throws Exception {
        String name = "rebuild-" + IDS.incrementAndGet();
        MonitoredEventLoopGroup group = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            group = new MonitoredEventLoopGroup(2, MonitoringOptions.builder().name(name).build());
            group.rebuildSelectors();
            group.next().execute(() -> Aiocop.audit("open", "after-rebuild"));

            assertThat(reports.next().blockingEvents()).extracting(BlockingEventInfo::event)
                    .containsExactly("open(after-rebuild)");
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void loopsAnswerIoTypeForTheTransportsOwnHandler() {
        MonitoredIoEventLoopGroup group = null;
        try {
            group = new MonitoredIoEventLoopGroup(1, NioIoHandler.newFactory());
            IoEventLoop loop = group.next();

            assertThat(loop.isIoType(NioIoHandler.class)).isTrue();
            assertThat(loop.isIoType(EpollIoHandler.class)).isFalse();
        } finally {
            Loops.shutdown(group);
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheValue() {
        MonitoringOptions.Builder builder = MonitoringOptions.builder();

        assertThatThrownBy(() -> builder.thresholdMs(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thresholdMs must be > 0, was -5");
        assertThatThrownBy(() -> builder.traceDepth(2000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("traceDepth must be in [0, 1024], was 2000");
        assertThatThrownBy(() -> builder.name(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank, was ' '");
        assertThatThrownBy(() -> builder.name(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MonitoredEventExecutorGroup(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nThreads must be > 0, was 0");
        assertThatThrownBy(() -> new MonitoredEventLoopGroup(1, (MonitoringOptions) null))
                .isInstanceOf(NullPointerException.class).hasMessage("options must not be null");

        assertThat(builder.build().toString())
                .isEqualTo("MonitoringOptions[name=(generated), thresholdMs=(global), traceDepth=(global), "
                        + "lagProbeIntervalMs=(global), blockingPermitted=false]");
    }
}
