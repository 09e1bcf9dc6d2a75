package io.aiocop.bench;

import io.netty.channel.EventLoopGroup;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Family 2, loopback request/response: a Netty echo server on 127.0.0.1 running on plain loops, on monitored
 * loops (alone, or with everything on: agent and Micrometer binder) or with BlockHound, driven by a blocking
 * socket client on the benchmark thread, one {@value #MESSAGE_SIZE}-byte message per round trip on one kept-alive
 * connection.
 *
 * <p>{@code roundTripThroughput} gives round trips per second, {@code roundTripLatency} the latency distribution
 * (JMH sample mode: p50, p99, p99.9). The client thread is unmonitored in every variant; where an agent is
 * installed its socket calls pay the unmonitored-thread check, as they would in an application.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar LoopbackEchoBenchmark}
 */
@State(Scope.Benchmark)
public class LoopbackEchoBenchmark extends AbstractBenchmark {

    /** Bytes per request and per response. */
    static final int MESSAGE_SIZE = 128;

    /** What the server's loops run with: a {@link Variant} label. */
    @Param({"plain", "monitored", "monitored+agent+metrics", "blockhound"})
    public String variant;

    private EventLoopGroup group;
    private EchoServer server;
    private Socket client;
    private OutputStream out;
    private InputStream in;
    private final byte[] request = new byte[MESSAGE_SIZE];
    private final byte[] response = new byte[MESSAGE_SIZE];

    /** Starts the server and connects the client. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Variant v = Variant.of(variant);
        Detectors.install(v);
        group = EventLoops.newGroup(v, 1);
        server = new EchoServer(group);
        client = new Socket(server.address().getAddress(), server.address().getPort());
        client.setTcpNoDelay(true);
        out = client.getOutputStream();
        in = client.getInputStream();
        for (int i = 0; i < MESSAGE_SIZE; i++) {
            request[i] = (byte) i;
        }
    }

    /** Closes the client, the server and the loops. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            EventLoops.shutdown(group);
        }
    }

    /** Round trips per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] roundTripThroughput() throws IOException {
        return roundTrip();
    }

    /** Round-trip latency distribution. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] roundTripLatency() throws IOException {
        return roundTrip();
    }

    private byte[] roundTrip() throws IOException {
        out.write(request);
        int read = 0;
        while (read < MESSAGE_SIZE) {
            int n = in.read(response, read, MESSAGE_SIZE - read);
            if (n < 0) {
                throw new EOFException("echo server closed the connection after " + read + " bytes");
            }
            read += n;
        }
        return response;
    }
}
