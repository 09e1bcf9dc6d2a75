package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.HighSeverityBlockingIoException;
import io.aiocop.SeverityLevel;
import io.aiocop.SlowTaskEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A handler added with {@code pipeline.addLast(executorGroup, handler)} runs on a monitored executor: its blocking
 * is reported there, and, where declared permitted, never refused.
 */
@ExtendWith(ResetAiocop.class)
final class MonitoredEventExecutorGroupTest {

    private static final AtomicInteger IDS = new AtomicInteger();


    @Test
    void blockingHandlerOnTheExecutorGroupIsReportedThere() throws Exception {
        String answer = exchange(false, "ping");

        assertThat(answer).isEqualTo("slept: ping");
    }

    @Test
    void permittedBlockingIsReportedButNeverRefused() throws Exception {
        Aiocop.enableRaiseOnViolations();

        assertThat(exchange(true, "ping")).isEqualTo("slept: ping");
    }

    @Test
    void blockingIsRefusedWhereItIsNotDeclaredPermitted() throws Exception {
        Aiocop.enableRaiseOnViolations();

        assertThat(exchange(false, "ping")).startsWith("refused: blocking call sleep(20 ms) refused");
    }

    /**
     * Runs a line-echo server whose handler sleeps on a monitored executor group, sends one line from a plain
     * socket, checks the report and returns the answer.
     */
    private static String exchange(boolean permitted, String line) throws Exception {
        String name = "blocking-pool-" + IDS.incrementAndGet();
        MonitoredEventLoopGroup loops = null;
        MonitoredEventExecutorGroup pool = null;
        try (RecordingCallback reports = RecordingCallback.register(name)) {
            loops = new MonitoredEventLoopGroup(1);
            pool = new MonitoredEventExecutorGroup(1,
                    MonitoringOptions.builder().name(name).blockingPermitted(permitted).build());
            MonitoredEventExecutorGroup handlerPool = pool;
            Channel server = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        @SuppressWarnings("deprecation") // Netty 4.2 deprecates handler executor groups; still there
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(handlerPool, new SleepingEcho());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            try (Socket socket = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                socket.setSoTimeout((int) RecordingCallback.WAIT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = readAll(socket.getInputStream());

                SlowTaskEvent event = reports.next("sleep", e -> e.reason() == SlowTaskEvent.Reason.IO_BLOCKING);
                assertThat(event.executorName()).isEqualTo(name + "-1");
                assertThat(event.severityLevel()).isEqualTo(SeverityLevel.HIGH);
                // The audited sleep; where Thread.sleep(long) is native (17), sampling also names the real one.
                assertThat(event.blockingEvents()).filteredOn(e -> e.source() != BlockingEventInfo.Source.SAMPLED)
                        .extracting(BlockingEventInfo::event).containsExactly("sleep(20 ms)");
                return answer;
            } finally {
                server.close().syncUninterruptibly();
                // Let the closed child's last events travel loop -> pool -> loop before either stops.
                Loops.quiesce(loops);
                Loops.quiesce(pool);
                Loops.quiesce(loops);
            }
        } finally {
            Loops.shutdown(loops);
            Loops.shutdown(pool);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Answers what it reads after sleeping, then closes; the sleep is refused where raising applies. */
    private static final class SleepingEcho extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            String text = msg.toString(StandardCharsets.UTF_8);
            String answer;
            try {
                Aiocop.audit("sleep", "20 ms"); Thread.sleep(20);
                answer = "slept: " + text;
            } catch (HighSeverityBlockingIoException refused) {
                answer = "refused: " + refused.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = "interrupted";
            }
            ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
                    .addListener(f -> ctx.close());
        }
    }
}
