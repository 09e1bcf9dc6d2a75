package io.aiocop.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.netty.MonitoredEventLoopGroup;
import io.aiocop.netty.MonitoringOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-loop meters of {@link AiocopMetrics} after real traffic on real {@link MonitoredEventLoopGroup}s: exact
 * task counts, lag, utilisation, pending tasks, stalls, removal on shutdown and the Prometheus names.
 */
final class LoopMetricsTest {

    private static final long BLOCK_MS = 25;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AiocopMetrics metrics = new AiocopMetrics();
    private EventLoopGroup group;
    private EventLoopGroup boss;

    @AfterEach
    void tearDown() {
        metrics.close();
        for (EventLoopGroup g : new EventLoopGroup[] {group, boss}) {
            if (g != null) {
                g.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        Aiocop.setStallThresholdMs(1000);
        Aiocop.clearSlowTaskCallbacks();
        Aiocop.stopBlockingIoDetection();
    }

    private static MonitoringOptions options(String name, long lagProbeMs) {
        return MonitoringOptions.builder().name(name).thresholdMs(20).lagProbeIntervalMs(lagProbeMs).build();
    }

    /** Reads a loop meter after the snapshot the previous read took has expired: a new interval starts. */
    private static double read(MeterRegistry registry, String name, String loop, String... tags) throws Exception {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(LoopMeters.REFRESH_NANOS) + 20);
        return readSameSnapshot(registry, name, loop, tags);
    }

    /** Reads a loop meter right after another: from the same snapshot, as in one scrape. */
    private static double readSameSnapshot(MeterRegistry registry, String name, String loop, String... tags) {
        Search search = registry.find(name).tag(AiocopMeter.TAG_LOOP, loop).tags(tags);
        if (search.functionCounter() != null) {
            return search.functionCounter().count();
        }
        return search.gauge().value();
    }

    private static void runOnLoop(EventLoop loop, Runnable task) {
        loop.submit(task).syncUninterruptibly();
    }

    @Test
    void taskCountIsExactlyTheTasksAQuietLoopRan() throws Exception {
        group = new MonitoredEventLoopGroup(1, options("quiet", 0));
        metrics.bindTo(registry);
        EventLoop loop = group.next();
        runOnLoop(loop, () -> { });
        double before = read(registry, "aiocop.loop.tasks", "quiet-1");

        int tasks = 500;
        CountDownLatch done = new CountDownLatch(1);
        // Queued from the loop itself, as one batch: no wake-up, no tail task, nothing else runs in between.
        loop.execute(() -> {
            for (int i = 0; i < tasks - 1; i++) {
                loop.execute(() -> { });
            }
            loop.execute(done::countDown);
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(read(registry, "aiocop.loop.tasks", "quiet-1") - before).isEqualTo(tasks + 1);
        assertThat(registry.get("aiocop.loop.tasks").tag(AiocopMeter.TAG_GROUP, "quiet").functionCounter())
                .isNotNull();
    }

    @Test
    void blockingRequestsAreReportedAndCountedExactly() throws Exception {
        Aiocop.detectSlowTasks(1000);
        metrics.bindTo(registry);
        boss = new MonitoredEventLoopGroup(1, options("boss", 0));
        group = new MonitoredEventLoopGroup(1, options("http", 0));
        int port = startServer();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        get(client, port, "/block");
        double tasksBefore = read(registry, "aiocop.loop.tasks", "http-1");
        double reportedBefore = reported();
        double ioBefore = read(registry, "aiocop.loop.io.time", "http-1");
        double iterationsBefore = read(registry, "aiocop.loop.iterations", "http-1");

        int requests = 12;
        for (int i = 0; i < requests; i++) {
            assertThat(get(client, port, "/block")).isEqualTo("blocked");
        }

        // One keep-alive connection: each request is one I/O dispatch plus the one task it hands its work to.
        assertThat(read(registry, "aiocop.loop.tasks", "http-1") - tasksBefore).isEqualTo(requests);
        assertThat(readSameSnapshot(registry, "aiocop.loop.task.duration", "http-1", AiocopMeter.TAG_QUANTILE, "0.5"))
                .isBetween(BLOCK_MS / 1000.0, 10.0);
        assertThat(reported() - reportedBefore).isEqualTo(requests);
        assertThat(readSameSnapshot(registry, "aiocop.loop.task.duration.max", "http-1"))
                .isGreaterThanOrEqualTo(BLOCK_MS / 1e3);
        assertThat(read(registry, "aiocop.loop.io.time", "http-1")).isGreaterThan(ioBefore);
        assertThat(read(registry, "aiocop.loop.iterations", "http-1") - iterationsBefore)
                .isGreaterThanOrEqualTo(requests);
    }

    private double reported() {
        return registry.find("aiocop.tasks.reported").tag(AiocopMeter.TAG_GROUP, "http")
                .tag(AiocopMeter.TAG_EXECUTOR, "http-1").tag(AiocopMeter.TAG_REASON, "cpu_blocking")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void lagIsNearZeroWhenIdleAndGrowsWhileTheLoopIsBlocked() throws Exception {
        group = new MonitoredEventLoopGroup(1, options("lag", 20));
        metrics.bindTo(registry);
        EventLoop loop = group.next();
        runOnLoop(loop, () -> { });
        Thread.sleep(300);
        assertThat(read(registry, "aiocop.loop.lag", "lag-1")).isBetween(0.0, 0.05);

        CountDownLatch blocked = new CountDownLatch(1);
        loop.execute(() -> {
            blocked.countDown();
            sleep(600);
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(350);
        // The probe cannot run while the loop sleeps: the overdue time shows as lag while it is stuck.
        assertThat(read(registry, "aiocop.loop.lag", "lag-1")).isGreaterThan(0.2);
        runOnLoop(loop, () -> { });
        assertThat(read(registry, "aiocop.loop.lag.max", "lag-1")).isGreaterThan(0.3);
        Thread.sleep(200);
        assertThat(read(registry, "aiocop.loop.lag", "lag-1")).isLessThan(0.1);
    }

    @Test
    void utilizationIsNearOneForASpinningLoopAndNearZeroWhenIdle() throws Exception {
        group = new MonitoredEventLoopGroup(1, options("util", 100));
        metrics.bindTo(registry);
        EventLoop loop = group.next();
        runOnLoop(loop, () -> { });
        read(registry, "aiocop.loop.utilization", "util-1");
        Thread.sleep(500);
        assertThat(read(registry, "aiocop.loop.utilization", "util-1")).isBetween(0.0, 0.1);

        loop.execute(() -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        Thread.sleep(300);
        // Read while the spinning task still runs: its time so far counts.
        assertThat(read(registry, "aiocop.loop.utilization", "util-1")).isGreaterThan(0.7);
    }

    @Test
    void pendingTasksCountsTheTasksQueuedBehindABlockedOne() throws Exception {
        group = new MonitoredEventLoopGroup(1, options("pending", 0));
        metrics.bindTo(registry);
        EventLoop loop = group.next();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            running.countDown();
            await(release);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 7; i++) {
            loop.execute(() -> { });
        }
        assertThat(read(registry, "aiocop.loop.tasks.pending", "pending-1")).isEqualTo(7.0);
        release.countDown();
        runOnLoop(loop, () -> { });
        assertThat(read(registry, "aiocop.loop.tasks.pending", "pending-1")).isEqualTo(0.0);
    }

    @Test
    void loopMetersAppearWithTheGroupAndDisappearWhenItShutsDown() throws Exception {
        metrics.bindTo(registry);
        EventLoopGroup temporary = new MonitoredEventLoopGroup(2, options("temporary", 100));
        assertThat(registry.find("aiocop.loop.tasks").tag(AiocopMeter.TAG_GROUP, "temporary").functionCounters())
                .hasSize(2);
        assertThat(registry.find("aiocop.stalls").tag(AiocopMeter.TAG_LOOP, "temporary-2").counter()).isNotNull();
        temporary.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        assertThat(registry.find("aiocop.loop.tasks").tag(AiocopMeter.TAG_GROUP, "temporary").meters()).isEmpty();
        assertThat(registry.getMeters()).noneMatch(m -> "temporary".equals(m.getId().getTag(AiocopMeter.TAG_GROUP)));
    }

    @Test
    void aStallIsCountedOnceHoweverOftenItIsReported() throws Exception {
        Aiocop.setStallThresholdMs(100);
        group = new MonitoredEventLoopGroup(1, options("stall", 100));
        metrics.bindTo(registry);
        // 1.5 s stuck: reported at 100 ms, again about 1 s later, and once when it ends.
        runOnLoop(group.next(), () -> sleep(1500));
        Thread.sleep(300);
        assertThat(registry.get("aiocop.stalls").tags(AiocopMeter.TAG_GROUP, "stall", AiocopMeter.TAG_LOOP, "stall-1")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void prometheusScrapeHasEveryPinnedNameWithGroupAndLoopTags() throws Exception {
        Aiocop.setStallThresholdMs(100);
        Aiocop.detectSlowTasks(1000);
        Aiocop.startBlockingIoDetection();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(prometheus);
        group = new MonitoredEventLoopGroup(1, options("prom", 20));
        EventLoop loop = group.next();
        runOnLoop(loop, () -> {
            Aiocop.audit("open", "/etc/hosts");
            sleep(300);
        });
        Thread.sleep(300);
        String scrape = prometheus.scrape();

        String loopTags = "group=\"prom\",loop=\"prom-1\"";
        for (String name : List.of("aiocop_loop_tasks_total", "aiocop_loop_task_time_seconds_total",
                "aiocop_loop_task_duration_max_seconds", "aiocop_loop_io_time_seconds_total",
                "aiocop_loop_iterations_total", "aiocop_loop_utilization", "aiocop_loop_tasks_pending",
                "aiocop_loop_lag_seconds", "aiocop_loop_lag_max_seconds", "aiocop_stalls_total")) {
            assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{" + loopTags + "\\} ");
        }
        for (String quantile : List.of("0.5", "0.9", "0.99", "0.999")) {
            assertThat(scrape).containsPattern("(?m)^aiocop_loop_task_duration_seconds\\{" + loopTags
                    + ",quantile=\"" + quantile + "\"\\} ");
        }
        assertThat(scrape).containsPattern("(?m)^aiocop_stalls_total\\{" + loopTags + "\\} 1");
        String reportTags = "executor=\"prom-1\",group=\"prom\"";
        assertThat(scrape).containsPattern("(?m)^aiocop_tasks_reported_total\\{exceeded=\"true\"," + reportTags
                + ",reason=\"io_blocking\",severity=\"[a-z]+\"\\} 1");
        assertThat(scrape).containsPattern("(?m)^aiocop_blocking_calls_total\\{" + reportTags
                + ",operation=\"open\"\\} 1");
        for (String suffix : List.of("_count", "_sum", "_max")) {
            assertThat(scrape).containsPattern("(?m)^aiocop_task_duration_seconds" + suffix + "\\{" + reportTags
                    + ",reason=\"io_blocking\"\\} ");
        }
    }

    private int startServer() {
        Channel server = new ServerBootstrap().group(boss, group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new BlockingEndpoint());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static String get(HttpClient client, int port, String path) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Hands each request's blocking work to a task on the channel's loop, as handlers often do by mistake. */
    private static final class BlockingEndpoint extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            ctx.executor().execute(() -> {
                sleep(BLOCK_MS);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.copiedBuffer("blocked", StandardCharsets.UTF_8));
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                ctx.writeAndFlush(response);
            });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
