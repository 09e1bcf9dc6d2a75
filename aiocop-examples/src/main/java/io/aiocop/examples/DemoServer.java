package io.aiocop.examples;

import io.aiocop.netty.MonitoredEventLoopGroup;
import io.aiocop.netty.MonitoringOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The demo's Netty HTTP server on 127.0.0.1: an acceptor loop and two worker loops, all on
 * {@link MonitoredEventLoopGroup}s, which is all a Netty server changes to be monitored.
 */
final class DemoServer implements AutoCloseable {

    /** The worker group's name, which names its loops and tags their meters. */
    static final String WORKERS = "http";

    private final EventLoopGroup boss = new MonitoredEventLoopGroup(1,
            MonitoringOptions.builder().name("acceptor").build());
    private final EventLoopGroup workers = new MonitoredEventLoopGroup(2,
            MonitoringOptions.builder().name(WORKERS).build());
    private final Channel channel;

    private DemoServer(DemoHandler handler, int port) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), handler);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
    }

    /**
     * Starts the server.
     *
     * @param port the port, 0 for an ephemeral one
     */
    static DemoServer start(DemoHandler handler, int port) throws InterruptedException {
        return new DemoServer(handler, port);
    }

    /** Returns the port the server listens on. */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
