package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Netty client that connects by literal IP from a monitored loop ({@code Bootstrap.connect("127.0.0.1", port)})
 * makes no lookup: {@code InetAddress} parses the literal. No {@code getaddrinfo} event is reported, and with
 * raise-on-violations on the connect succeeds. Each task also audits a light marker event, so that it is reported
 * and its events can be checked.
 */
@ExtendWith(ResetAiocop.class)
final class LiteralAddressConnectAgentTest {

    private static final String SERVERS = "literal-servers";
    private static final String CLIENTS = "literal-clients";

    private EventLoopGroup servers;
    private EventLoopGroup clients;
    private Channel first;
    private Channel second;

    @BeforeAll
    static void installAgent() {
        Aiocop.patchAuditFunctions();
    }

    @BeforeEach
    void startServers() throws Exception {
        servers = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(SERVERS).build());
        clients = new MonitoredEventLoopGroup(1, MonitoringOptions.builder().name(CLIENTS).build());
        second = bind(new ChannelInboundHandlerAdapter());
    }

    @AfterEach
    void stop() {
        for (Channel channel : new Channel[] {first, second}) {
            if (channel != null) {
                channel.close().syncUninterruptibly();
            }
        }
        Loops.shutdown(clients);
        Loops.shutdown(servers);
    }

    @Test
    void bootstrapConnectByLiteralIpFromALoopTaskIsNoLookupAndSucceedsWithRaiseOn() throws Exception {
        int port = port(second);
        CompletableFuture<ChannelFuture> connecting = new CompletableFuture<>();
        try (RecordingCallback reports = RecordingCallback.register(CLIENTS)) {
            Aiocop.enableRaiseOnViolations();

            clients.next().execute(() -> {
                try {
                    connecting.complete(client(clients).connect("127.0.0.1", port));
                } catch (Throwable t) {
                    connecting.completeExceptionally(t);
                }
                Aiocop.audit("stat", "marker-task");
            });

            ChannelFuture connect = connecting.get(20, TimeUnit.SECONDS);
            assertThat(connect.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(connect.cause()).isNull();
            assertThat(connect.isSuccess()).isTrue();
            connect.channel().close().syncUninterruptibly();
            assertNoLookupIn(reports.next("marker task", e -> hasMarker(e, "marker-task")));
        }
    }

    @Test
    void connectingFromAHandlerOnItsOwnEventLoopByLiteralIpIsNoLookupAndSucceedsWithRaiseOn() throws Exception {
        int port = port(second);
        CompletableFuture<ChannelFuture> connecting = new CompletableFuture<>();
        try (RecordingCallback reports = RecordingCallback.register(SERVERS)) {
            Aiocop.enableRaiseOnViolations();
            first = bind(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    try {
                        connecting.complete(client(ctx.channel().eventLoop()).connect("127.0.0.1", port));
                    } catch (Throwable t) {
                        connecting.completeExceptionally(t);
                    }
                    Aiocop.audit("stat", "marker-handler");
                    ctx.fireChannelActive();
                }
            });

            Channel caller = client(clients).connect(first.localAddress()).sync().channel();
            try {
                ChannelFuture connect = connecting.get(20, TimeUnit.SECONDS);
                assertThat(connect.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(connect.cause()).isNull();
                assertThat(connect.isSuccess()).isTrue();
                connect.channel().close().syncUninterruptibly();
            } finally {
                caller.close().syncUninterruptibly();
            }
            assertNoLookupIn(reports.next("marker handler", e -> hasMarker(e, "marker-handler")));
        }
    }

    private Channel bind(ChannelInboundHandlerAdapter handler) throws InterruptedException {
        return new ServerBootstrap()
                .group(servers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(handler);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    private static Bootstrap client(EventLoopGroup group) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter());
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static boolean hasMarker(SlowTaskEvent event, String marker) {
        return event.blockingEvents().stream().anyMatch(e -> e.event().equals("stat(" + marker + ")"));
    }

    private static void assertNoLookupIn(SlowTaskEvent event) {
        assertThat(event.blockingEvents()).extracting(BlockingEventInfo::event).as("events of %s", event)
                .noneMatch(e -> e.startsWith("getaddrinfo("));
    }
}
