package io.aiocop.netty.internal;

import io.aiocop.AiocopIntegration;

/**
 * aiocop-netty's rules for the blocking-call agent, found with {@link java.util.ServiceLoader}: public only for
 * that. Internal, no compatibility promise.
 *
 * <p>Netty's own waits and set-up are allowed, as Netty declares them for BlockHound
 * ({@code io.netty.util.internal.Hidden.NettyBlockHoundIntegration}): the selector and epoll waits, the task
 * queue's, the TLS handshake and its delegated tasks, the resolver's reading of {@code /etc/resolv.conf} and
 * {@code /etc/hosts}, and {@code FileRegion}'s zero-copy transfer.
 *
 * <p>The agent allows blocking inside Netty's {@code SingleThreadEventExecutor.confirmShutdown}, whose quiet-period
 * sleep is Netty's own. But the tasks it drains while a monitored group shuts down are application tasks, and the
 * monitored executors time each drain as a task ({@code runAllTasks()}): blocking there is disallowed again, as
 * BlockHound integrations do for work nested in an allowed method.
 */
public final class NettyIntegration implements AiocopIntegration {

    /** The classes whose {@code runAllTasks} drains application tasks inside {@code confirmShutdown}. */
    static final String[] DRAINING_CLASSES = {
        "io.aiocop.netty.MonitoredIoEventLoop",
        "io.aiocop.netty.MonitoredEventExecutor",
    };

    /** The method that drains them. */
    static final String DRAINING_METHOD = "runAllTasks";

    /** Methods of Netty (and of the JDK's TLS engine under Netty's {@code SslHandler}) that block on purpose. */
    static final String[][] ALLOWED = {
        {"io.netty.channel.nio.NioEventLoop", "handleLoopException"},
        {"io.netty.channel.kqueue.KQueueEventLoop", "handleLoopException"},
        {"io.netty.channel.epoll.EpollEventLoop", "handleLoopException"},
        {"io.netty.channel.nio.NioIoHandler", "select"},
        {"io.netty.channel.nio.NioIoHandler", "handleLoopException"},
        {"io.netty.channel.epoll.EpollIoHandler", "epollWait"},
        {"io.netty.channel.epoll.EpollIoHandler", "handleLoopException"},
        {"io.netty.channel.kqueue.KQueueIoHandler", "kqueueWait"},
        {"io.netty.channel.kqueue.KQueueIoHandler", "handleLoopException"},
        {"io.netty.util.HashedWheelTimer", "start"},
        {"io.netty.util.HashedWheelTimer", "stop"},
        {"io.netty.util.HashedWheelTimer$Worker", "waitForNextTick"},
        {"io.netty.util.concurrent.SingleThreadEventExecutor", "confirmShutdown"},
        {"io.netty.util.concurrent.SingleThreadEventExecutor", "takeTask"},
        {"io.netty.util.concurrent.SingleThreadEventExecutor", "addTask"},
        {"io.netty.util.concurrent.GlobalEventExecutor", "takeTask"},
        {"io.netty.util.concurrent.GlobalEventExecutor", "addTask"},
        {"io.netty.handler.ssl.SslHandler", "handshake"},
        {"io.netty.handler.ssl.SslHandler", "runAllDelegatedTasks"},
        {"io.netty.handler.ssl.SslHandler", "runDelegatedTasks"},
        {"io.netty.handler.ssl.ReferenceCountedOpenSslClientContext$ExtendedTrustManagerVerifyCallback", "verify"},
        {"sun.security.ssl.SSLEngineImpl", "unwrap"},
        {"sun.security.ssl.SSLEngineImpl", "wrap"},
        {"io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider", "parse"},
        {"io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider", "parseEtcResolverSearchDomains"},
        {"io.netty.resolver.dns.UnixResolverDnsServerAddressStreamProvider", "parseEtcResolverOptions"},
        {"io.netty.resolver.HostsFileEntriesProvider$ParserImpl", "parse"},
        {"io.netty.channel.DefaultFileRegion", "transferTo"},
    };

    /**
     * Creates the integration; called by {@link java.util.ServiceLoader}.
     */
    public NettyIntegration() {
    }

    /**
     * Allows Netty's own waits and disallows blocking inside the drains of monitored executors.
     *
     * @param rules the agent's rules
     */
    @Override
    public void applyTo(Rules rules) {
        for (String[] method : ALLOWED) {
            rules.allowBlockingCallsInside(method[0], method[1]);
        }
        for (String type : DRAINING_CLASSES) {
            rules.disallowBlockingCallsInside(type, DRAINING_METHOD);
        }
    }
}
