package com.example.zerocode;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain Netty server written against the API that Netty 4.1 and 4.2 share (it runs on 4.1.137.Final in the
 * tests): a line {@code block} makes its handler read a file and sleep on the event loop, any other line is
 * answered at once.
 */
public final class Netty41App {

    private Netty41App() {
    }

    /**
     * Runs the server.
     *
     * @param args none
     * @throws Exception when it cannot start
     */
    @SuppressWarnings("deprecation") // NioEventLoopGroup: the 4.1 way, deprecated in 4.2 only
    public static void main(String[] args) throws Exception {
        Path file = AppSupport.dataFile();
        AppSupport.printLine(LineHandler.READ_LINE);
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(1);
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new LineHandler(file));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            AppSupport.readyThenWait(((InetSocketAddress) server.localAddress()).getPort());
            server.close().sync();
        } finally {
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    /** Answers each request (one read, one short line) on the event loop. */
    private static final class LineHandler extends ChannelInboundHandlerAdapter {
        /** The line of the file read below. */
        static final int READ_LINE = AppSupport.lineHere() + 15;

        private final Path file;

        LineHandler(Path file) {
            this.file = file;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ByteBuf in = (ByteBuf) msg;
            String request = in.toString(StandardCharsets.US_ASCII).trim();
            in.release();
            String answer = "clean";
            if (request.equals("block")) {
                answer = Files.readString(file);
                Thread.sleep(100);
            }
            ctx.writeAndFlush(Unpooled.copiedBuffer(answer + "\n", StandardCharsets.US_ASCII));
        }
    }
}
