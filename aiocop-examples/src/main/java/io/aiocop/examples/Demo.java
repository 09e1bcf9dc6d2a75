package io.aiocop.examples;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskEvent;
import io.aiocop.netty.MonitoredEventLoopGroup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The quick-start demo: a Netty HTTP server on a {@link MonitoredEventLoopGroup} whose handler blocks the event
 * loop in the ways people do by mistake, driven by a real HTTP client, printing what aiocop reports for each
 * request. The jar starts aiocop's agent itself ({@code Launcher-Agent-Class}), so no JVM flag is needed.
 */
public final class Demo {

    private static final List<String> PATHS = List.of("/hello", "/read-file", "/sleep", "/resolve", "/spin");

    private Demo() {
    }

    /**
     * Starts the server on 127.0.0.1, sends one request per path, prints the reports and exits.
     *
     * @param args ignored
     * @throws Exception when the server cannot start or a request fails
     */
    public static void main(String[] args) throws Exception {
        Aiocop.patchAuditFunctions();
        Aiocop.startBlockingIoDetection(8);
        Aiocop.disableDefaultReporter();
        Aiocop.registerContextProvider(() -> Map.of("demo", "aiocop"));

        Path file = Files.createTempFile("aiocop-demo", ".json");
        Files.writeString(file, "{\"hello\": \"world\"}");
        EventLoopGroup group = new MonitoredEventLoopGroup(1);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                    new BlockingHandler(file));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            HttpClient client = HttpClient.newHttpClient();
            // A cold JVM loads and interprets Netty's pipeline on the first request: a CPU_BLOCKING task that
            // aiocop would rightly report. Warm up first so that the output shows the handler's own behaviour.
            get(client, port, "/hello");
            // Callbacks run on the event loop; hand the reports to the main thread so the output stays in order.
            BlockingQueue<SlowTaskEvent> reports = new LinkedBlockingQueue<>();
            Aiocop.detectSlowTasks(30, reports::add);
            for (String path : PATHS) {
                HttpResponse<String> response = get(client, port, path);
                System.out.printf("GET %-11s -> %d %s%n", path, response.statusCode(), response.body());
                TimeUnit.MILLISECONDS.sleep(50);   // the request's task ends just after its response is flushed
                for (SlowTaskEvent report = reports.poll(); report != null; report = reports.poll()) {
                    print(report);
                }
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            Files.deleteIfExists(file);
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void print(SlowTaskEvent e) {
        System.out.printf(Locale.ROOT, "    aiocop: %s on %s, %.1f ms (threshold %d ms%s), severity %d (%s)%n",
                e.reason().label(), e.executorName(), e.elapsedMs(), e.thresholdMs(),
                e.exceededThreshold() ? ", exceeded" : "", e.severityScore(), e.severityLevel().label());
        for (BlockingEventInfo b : e.blockingEvents()) {
            System.out.printf("      %s, weight %d, at %s%n", b.event(), b.weight(), b.entryPoint());
        }
    }

    /** Blocks its event loop in a different way for each path. */
    private static final class BlockingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final Path file;

        BlockingHandler(Path file) {
            this.file = file;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            String body;
            switch (request.uri()) {
                case "/read-file":
                    body = Files.readString(file);
                    break;
                case "/sleep":
                    TimeUnit.MILLISECONDS.sleep(40);
                    body = "slept";
                    break;
                case "/resolve":
                    body = InetAddress.getByName("localhost").getHostAddress();
                    break;
                case "/spin":
                    body = "spun " + spin(40) + " times";
                    break;
                default:
                    body = "hello";
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }

        private static long spin(long millis) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            long turns = 0;
            while (System.nanoTime() < end) {
                turns++;
            }
            return turns;
        }
    }
}
