package io.aiocop.examples;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the demo's HTTP requests on the event loop: {@code /} lists the endpoints, {@code /metrics} is the
 * Prometheus scrape, and each {@link Endpoint} runs its code. Shared by every channel: it holds no per-channel
 * state.
 */
final class DemoHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHandler.class);

    private final DemoResources resources;
    private final DemoMetrics metrics;

    DemoHandler(DemoResources resources, DemoMetrics metrics) {
        this.resources = resources;
        this.metrics = metrics;
    }

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        String path = new QueryStringDecoder(request.uri()).path();
        Endpoint endpoint = Endpoint.forPath(path);
        if (endpoint != null) {
            respond(ctx, request, HttpResponseStatus.OK, "text/plain; charset=utf-8",
                    endpoint.action().respond(ctx, resources) + "\n");
        } else if (path.equals("/metrics")) {
            respond(ctx, request, HttpResponseStatus.OK, DemoMetrics.CONTENT_TYPE, metrics.scrape());
        } else if (path.equals("/")) {
            respond(ctx, request, HttpResponseStatus.OK, "text/plain; charset=utf-8", index());
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
                    "no such endpoint: " + path + "; GET / lists them\n");
        }
    }

    static String index() {
        StringBuilder text = new StringBuilder();
        for (Endpoint endpoint : Endpoint.values()) {
            text.append(String.format("GET %-11s %s%n", endpoint.path(), endpoint.description()));
        }
        text.append(String.format("GET %-11s aiocop's meters in Prometheus' text format%n", "/metrics"));
        return text.toString();
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("request failed on {}", ctx.channel(), cause);
        ctx.close();
    }
}
