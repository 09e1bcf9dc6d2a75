package io.aiocop.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Locale;

/** The monitored groups and transports the HTTP scenarios run on. */
enum Transport {

    /** The drop-in for {@code NioEventLoopGroup}. */
    NIO_DROP_IN(NioServerSocketChannel.class, true) {
        @Override
        EventLoopGroup newGroup(MonitoringOptions options) {
            return new MonitoredEventLoopGroup(1, options);
        }
    },
    /** Netty 4.2's way, with NIO. */
    NIO(NioServerSocketChannel.class, true) {
        @Override
        EventLoopGroup newGroup(MonitoringOptions options) {
            return new MonitoredIoEventLoopGroup(1, NioIoHandler.newFactory(), options);
        }
    },
    EPOLL(EpollServerSocketChannel.class, false) {
        @Override
        EventLoopGroup newGroup(MonitoringOptions options) {
            return new MonitoredIoEventLoopGroup(1, EpollIoHandler.newFactory(), options);
        }

        @Override
        String unavailableBecause() {
            if (Epoll.isAvailable()) {
                return null;
            }
            // On Linux x86_64 netty-all ships the native library: a missing epoll there is a failure, not a skip.
            if (System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                throw new AssertionError("epoll must be available on Linux", Epoll.unavailabilityCause());
            }
            return "epoll needs Linux: " + Epoll.unavailabilityCause();
        }
    },
    IO_URING(IoUringServerSocketChannel.class, false) {
        @Override
        EventLoopGroup newGroup(MonitoringOptions options) {
            return new MonitoredIoEventLoopGroup(1, IoUringIoHandler.newFactory(), options);
        }

        @Override
        String unavailableBecause() {
            return IoUring.isAvailable() ? null : "io_uring not allowed by this kernel: " + IoUring.unavailabilityCause();
        }
    };

    private final Class<? extends ServerChannel> serverChannel;
    private final boolean channelContext;

    Transport(Class<? extends ServerChannel> serverChannel, boolean channelContext) {
        this.serverChannel = serverChannel;
        this.channelContext = channelContext;
    }

    abstract EventLoopGroup newGroup(MonitoringOptions options);

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** Whether each channel's I/O dispatch is a task of its own with the channel in its context. */
    boolean hasChannelContext() {
        return channelContext;
    }

    /** Returns why the transport cannot run here, or null when it can. */
    String unavailableBecause() {
        return null;
    }
}
