package io.aiocop.netty;

import io.aiocop.ContextProvider;
import io.aiocop.TaskMonitor;
import io.netty.channel.Channel;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoHandle;
import java.nio.channels.SelectableChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wraps one NIO channel's {@link NioIoHandle} so that each I/O dispatch to it (the read, the pipeline's
 * {@code channelRead} chain, the flush) is a task whose context names the channel.
 *
 * <p>A dispatch starts a task with one {@code nanoTime}; the next boundary (the next channel's dispatch or the
 * loop's next task poll) ends it, so the little selector bookkeeping between two dispatches counts towards the
 * earlier one. The context map is only built when the task is reported. {@link io.netty.channel.nio.NioIoHandler} uses handles only
 * through the {@link NioIoHandle} interface, so the wrapper changes nothing else.
 */
@SuppressWarnings("try") // close() throws Exception because IoHandle.close() does; it is never used in a try.
final class MonitoredNioIoHandle implements NioIoHandle, ContextProvider {

    /** Context key of the channel's {@code id().asShortText()}, as in Netty's own log lines. */
    static final String CHANNEL_ID = "channel.id";
    /** Context key of the channel's remote address, absent when it has none. */
    static final String REMOTE_ADDRESS = "channel.remoteAddress";
    /** Context key of the channel's local address, absent when it has none. */
    static final String LOCAL_ADDRESS = "channel.localAddress";
    /** Context key of a selectable channel registered without a Netty channel. */
    static final String SELECTABLE_CHANNEL = "channel.selectable";

    private final NioIoHandle delegate;
    private final TaskMonitor monitor;
    private final Channel channel;

    MonitoredNioIoHandle(NioIoHandle delegate, TaskMonitor monitor) {
        this.delegate = delegate;
        this.monitor = monitor;
        this.channel = channelOf(delegate);
    }

    /**
     * Finds the Netty channel behind a handle without reflection: every NIO channel's handle is its
     * {@link Channel.Unsafe}, whose void promise belongs to the channel. Called on the loop thread, at registration.
     */
    private static Channel channelOf(NioIoHandle handle) {
        if (handle instanceof Channel.Unsafe) {
            try {
                return ((Channel.Unsafe) handle).voidPromise().channel();
            } catch (RuntimeException notAvailable) {
                return null;
            }
        }
        return null;
    }

    @Override
    public SelectableChannel selectableChannel() {
        return delegate.selectableChannel();
    }

    @Override
    public void handle(IoRegistration registration, IoEvent ioEvent) {
        TaskBoundaries.beginIo(monitor, this);
        delegate.handle(registration, ioEvent);
    }

    @Override
    public void registered() {
        delegate.registered();
    }

    @Override
    public void unregistered() {
        delegate.unregistered();
    }

    /** Closing runs the channel's handlers ({@code channelInactive}, ...), so it is a task too. */
    @Override
    public void close() throws Exception {
        TaskBoundaries.timed(monitor, this, () -> {
            delegate.close();
            return null;
        });
    }

    /** The task's context: called on the loop thread, only when a task of this channel is reported. */
    @Override
    public Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>(4);
        if (channel == null) {
            context.put(SELECTABLE_CHANNEL, String.valueOf(delegate.selectableChannel()));
            return context;
        }
        context.put(CHANNEL_ID, channel.id().asShortText());
        if (channel.remoteAddress() != null) {
            context.put(REMOTE_ADDRESS, channel.remoteAddress().toString());
        }
        if (channel.localAddress() != null) {
            context.put(LOCAL_ADDRESS, channel.localAddress().toString());
        }
        return context;
    }

    @Override
    public String toString() {
        return "MonitoredNioIoHandle[" + (channel != null ? channel : delegate) + "]";
    }
}
