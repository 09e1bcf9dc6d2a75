package io.aiocop.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server of {@link HttpLoadBenchmark}, run in a JVM of its own per variant: a keep-alive HTTP/1.1 "hello"
 * server on 127.0.0.1 whose accepts and requests are all served by one event loop of the variant's kind. Each
 * request costs the handler a little CPU ({@code work} rounds of a xorshift, about 1 µs at the default), as a real
 * handler's routing and serialisation would, so that the loop does not only move bytes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.aiocop.bench.HttpHelloServer VARIANT [WORK]}. When listening it
 * prints one line, {@code READY port=P pid=PID loop=THREAD-NAME}, and it stops when its standard input is closed.
 * This line and the usage message are the only things it prints; it is a benchmark tool, not library code.
 */
public final class HttpHelloServer {

    /** Default rounds of handler work per request. */
    static final int DEFAULT_WORK = 2_000;

    private static final byte[] HELLO = "Hello, World!\n".getBytes(StandardCharsets.US_ASCII);

    private HttpHelloServer() {
    }

    /**
     * Runs the server until standard input is closed.
     *
     * @param args the {@link Variant} label, then optionally the rounds of work per request
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HttpHelloServer VARIANT [WORK]");
            System.exit(2);
        }
        Variant variant = Variant.of(args[0]);
        int work = args.length == 2 ? Integer.parseInt(args[1]) : DEFAULT_WORK;
        Detectors.install(variant);
        EventLoopGroup group = EventLoops.newGroup(variant, 1);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                    new HelloHandler(work));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .syncUninterruptibly()
                    .channel();
            String loop = group.next().submit(() -> Thread.currentThread().getName()).get();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            System.out.println("READY port=" + port + " pid=" + ProcessHandle.current().pid() + " loop=" + loop);
            System.out.flush();
            waitForEndOfInput(System.in);
            server.close().syncUninterruptibly();
        } finally {
            EventLoops.shutdown(group);
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // The driver never writes; it only closes.
        }
    }

    /** Answers every request with a 200 "Hello, World!"; flushes once per read burst, as Netty's examples do. */
    private static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {

        private final int work;

        HelloHandler(int work) {
            this.work = work;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest request)) {
                return;
            }
            ByteBuf body = Unpooled.wrappedBuffer(HELLO);
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set("x-work", Long.toHexString(spin(request.uri().hashCode(), work)));
            if (request.protocolVersion() == HttpVersion.HTTP_1_0) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(response);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        /** wrk resets its connections when it stops: close quietly rather than log a stack trace per connection. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** A serial chain of xorshift steps: CPU the JIT cannot fold or vectorise; the result goes in a header. */
        private static long spin(long seed, int rounds) {
            long x = seed | 1;
            for (int i = 0; i < rounds; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            return x;
        }
    }
}
