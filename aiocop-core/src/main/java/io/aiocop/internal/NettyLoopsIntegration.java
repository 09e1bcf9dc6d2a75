package io.aiocop.internal;

import io.aiocop.AiocopIntegration;

/**
 * The rules the zero-code agent needs for Netty and for the frameworks that build their loops on it, found with
 * {@link java.util.ServiceLoader} in aiocop-core itself: {@code -javaagent:aiocop-core.jar} alone must know
 * them, since aiocop-netty may not be on the class path. Public only for the service loader. Internal, no
 * compatibility promise.
 *
 * <p>Netty's own waits and set-up are allowed, as Netty declares them for BlockHound
 * ({@code io.netty.util.internal.Hidden.NettyBlockHoundIntegration}): the selector and epoll waits, the task
 * queue's, the TLS handshake and its delegated tasks, the resolver's reading of {@code /etc/resolv.conf} and
 * {@code /etc/hosts}, and {@code FileRegion}'s zero-copy transfer. Netty's {@code confirmShutdown} may sleep
 * (its quiet period), but the tasks it drains through {@code runAllTasks} are the application's: blocking there is
 * disallowed again, as BlockHound integrations do for work nested in an allowed method.
 */
public final class NettyLoopsIntegration implements AiocopIntegration {

    /** Methods of Netty (and of the JDK's TLS engine under Netty's {@code SslHandler}) that block on purpose. */
    static final String[][] NETTY_ALLOWED = {
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

    /** Methods of frameworks on Netty that block on purpose on an event loop. */
    static final String[][] FRAMEWORK_ALLOWED = {
    };

    /** Netty's drains of application tasks, nested in the allowed {@code confirmShutdown}. */
    static final String[] DISALLOWED = {"io.netty.util.concurrent.SingleThreadEventExecutor", "runAllTasks"};

    /**
     * Creates the integration; called by {@link java.util.ServiceLoader}.
     */
    public NettyLoopsIntegration() {
    }

    /**
     * Allows Netty's and the frameworks' own waits and disallows blocking in Netty's drains of application tasks.
     *
     * @param rules the agent's rules
     */
    @Override
    public void applyTo(Rules rules) {
        for (String[][] table : new String[][][] {NETTY_ALLOWED, FRAMEWORK_ALLOWED}) {
            for (String[] method : table) {
                rules.allowBlockingCallsInside(method[0], method[1]);
            }
        }
        rules.disallowBlockingCallsInside(DISALLOWED[0], DISALLOWED[1]);
    }
}
