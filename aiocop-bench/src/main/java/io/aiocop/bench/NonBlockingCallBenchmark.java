package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Family 8, non-blocking channel calls inside a monitored task: the calls a Netty loop makes on every read, write
 * and select, which the aiocop agent instruments. On a monitored thread they pass the agent's "is this a monitored
 * thread?" check and reach the engine, which drops them because the channel is non-blocking; this family measures
 * what that costs per call.
 *
 * <p>The calls run on the benchmark thread, inside one long monitored task per iteration (a {@link TaskMonitor}
 * bound to the thread, which registers its class as a loop-thread class, exactly as a monitored loop's own thread
 * is registered), so that each call is timed directly, without the hand-off to a loop thread, whose wake-up costs
 * more than the calls. Variants: {@code plain} (no monitor, no agent), {@code monitored} (in a task, no agent),
 * {@code monitored+agent} (in a task, agent installed: the path under test) and {@code agent} (agent installed,
 * no monitor on the thread: the unmonitored check only).
 *
 * <p>The calls, on a connected loopback pair of non-blocking {@code SocketChannel}s: {@code read} with nothing to
 * read (a {@code read} syscall that returns EAGAIN: 0 bytes), {@code write} of an empty buffer (the instrumented
 * method and its locks, no syscall), a one-byte {@code write} read back on the peer (two calls, two syscalls), and
 * {@code Selector.selectNow()} with the peer registered and nothing ready.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar NonBlockingCallBenchmark}
 */
@State(Scope.Thread)
public class NonBlockingCallBenchmark extends AbstractBenchmark {

    /** What the thread runs with: a {@link Variant} label. */
    @Param({"plain", "monitored", "monitored+agent", "agent"})
    public String variant;

    private TaskMonitor monitor;
    private ServerSocketChannel listener;
    private SocketChannel client;
    private SocketChannel peer;
    private Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64);
    private final ByteBuffer empty = ByteBuffer.allocateDirect(0);
    private final ByteBuffer oneByte = ByteBuffer.allocateDirect(1);

    /** Installs the agent where the variant asks for it and connects the channels. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Variant v = Variant.of(variant);
        Detectors.install(v);
        if (v.has(Variant.Feature.MONITORED_LOOPS)) {
            Aiocop.disableDefaultReporter();
            Aiocop.activate();
            Aiocop.startBlockingIoDetection(20);
            monitor = TaskMonitor.builder("non-blocking-call-benchmark").thresholdMs(600_000).build();
        }
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(listener.getLocalAddress());
        peer = listener.accept();
        client.configureBlocking(false);
        peer.configureBlocking(false);
        selector = Selector.open();
        peer.register(selector, SelectionKey.OP_READ);
    }

    /** Binds the monitor to the thread that runs the iteration and begins the task the calls run in. */
    @Setup(Level.Iteration)
    public void beginTask() {
        if (monitor != null) {
            monitor.bindToCurrentThread();
            monitor.beginTask();
        }
    }

    /** Ends the task and unbinds the monitor. */
    @TearDown(Level.Iteration)
    public void endTask() {
        if (monitor != null) {
            monitor.endTask();
            monitor.unbindFromCurrentThread();
        }
    }

    /** Closes the channels. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (java.io.Closeable c : new java.io.Closeable[] {selector, client, peer, listener}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * {@code SocketChannel.read} with nothing to read.
     *
     * @return 0
     * @throws IOException never in practice
     */
    @Benchmark
    public int readNothing() throws IOException {
        readBuffer.clear();
        return client.read(readBuffer);
    }

    /**
     * {@code SocketChannel.write} of an empty buffer.
     *
     * @return 0
     * @throws IOException never in practice
     */
    @Benchmark
    public int writeEmpty() throws IOException {
        return client.write(empty);
    }

    /**
     * One byte written on one channel and read on its peer: two instrumented calls.
     *
     * @return 2
     * @throws IOException never in practice
     */
    @Benchmark
    public int writeAndReadOneByte() throws IOException {
        oneByte.clear();
        int written = client.write(oneByte);
        readBuffer.clear();
        int read;
        do {
            read = peer.read(readBuffer);
        } while (read == 0);
        return written + read;
    }

    /**
     * {@code Selector.selectNow()} with one channel registered and nothing ready.
     *
     * @return 0
     * @throws IOException never in practice
     */
    @Benchmark
    public int selectNow() throws IOException {
        return selector.selectNow();
    }
}
