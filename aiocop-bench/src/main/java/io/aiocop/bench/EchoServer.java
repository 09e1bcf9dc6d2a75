package io.aiocop.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Netty echo server on 127.0.0.1 for {@link LoopbackEchoBenchmark} and {@link WatchdogCpu}: every byte read is
 * written back, flushed once per read burst; optionally every n-th read first computes for a while, as a slow
 * handler would.
 */
final class EchoServer implements AutoCloseable {

    private final Channel serverChannel;

    /**
     * Binds a server on an ephemeral loopback port; accepts and serves on {@code group}.
     *
     * @param group the loops under test
     */
    EchoServer(EventLoopGroup group) {
        this(group, 0, 0);
    }

    /**
     * Binds a server whose every {@code slowEvery}-th read (counted over all connections) spins for
     * {@code slowMillis} before it echoes.
     *
     * @param group      the loops under test
     * @param slowEvery  how often a read is slow, 0 for never
     * @param slowMillis how long a slow read computes
     */
    EchoServer(EventLoopGroup group, int slowEvery, long slowMillis) {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new EchoHandler(slowEvery, TimeUnit.MILLISECONDS.toNanos(slowMillis)))
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
    }

    /**
     * Returns where the server listens.
     *
     * @return the bound loopback address and port
     */
    InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class EchoHandler extends ChannelInboundHandlerAdapter {

        private final int slowEvery;
        private final long slowNanos;
        private final AtomicLong reads = new AtomicLong();

        EchoHandler(int slowEvery, long slowNanos) {
            this.slowEvery = slowEvery;
            this.slowNanos = slowNanos;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (slowEvery > 0 && reads.incrementAndGet() % slowEvery == 0) {
                spin(slowNanos);
            }
            ctx.write(msg);
        }

        private static void spin(long nanos) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
