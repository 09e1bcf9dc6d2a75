package io.aiocop.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Netty HTTP/1.1 server on 127.0.0.1 whose handler runs, on the event loop, the behaviour registered for
 * the request's path, and a real {@link HttpClient} that calls it from the test thread.
 */
final class HttpScenarioServer implements AutoCloseable {

    /** What the handler does for one path, on the event loop; returns the response body. */
    @FunctionalInterface
    interface Behaviour {
        String handle(ChannelHandlerContext ctx) throws Exception;
    }

    /** A response as the client saw it. */
    record Reply(int status, String body) {
    }

    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Channel serverChannel;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpScenarioServer(EventLoopGroup group, Transport transport) throws InterruptedException {
        behaviours.put("/noop", ctx -> "ok");
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new ScenarioHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Registers what the handler does for {@code path}. */
    HttpScenarioServer on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
        return this;
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Calls the server from the current thread and waits for the response. */
    Reply get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(RecordingCallback.WAIT)
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    private final class ScenarioHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Behaviour behaviour = behaviours.get(request.uri());
            HttpResponseStatus status = HttpResponseStatus.OK;
            String body;
            if (behaviour == null) {
                status = HttpResponseStatus.NOT_FOUND;
                body = "no behaviour for " + request.uri();
            } else {
                try {
                    body = behaviour.handle(ctx);
                } catch (Exception e) {
                    status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
                    body = e.toString();
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
            ctx.writeAndFlush(response);
        }
    }
}
