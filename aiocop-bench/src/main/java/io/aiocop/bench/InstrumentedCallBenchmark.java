package io.aiocop.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Family 3, instrumented JDK calls on an unmonitored thread: the cost every thread of an application that is not
 * an event loop pays once a blocking-call detector is installed. Same calls with no detector, with the aiocop
 * agent and with BlockHound, each in forks of its own.
 *
 * <p>The calls: {@code FileInputStream.read()} of one byte from a file in the page cache (a real syscall),
 * {@code FileInputStream.read(b, 0, 0)} (same methods, no syscall), {@code LockSupport.parkNanos(0)} (returns at
 * once, so the check is nearly all there is) and
 * {@code Files.size} (a stat syscall). Which tool instruments which call differs: BlockHound hooks the native
 * {@code FileInputStream.readBytes}/{@code read0} and {@code Unsafe.park} (not reached by {@code parkNanos(0)}),
 * and not {@code java.nio.file.Files}; the report states the numbers as measured.
 *
 * <p>Run: {@code java -jar aiocop-bench/target/benchmarks.jar InstrumentedCallBenchmark}
 */
@State(Scope.Thread)
public class InstrumentedCallBenchmark extends AbstractBenchmark {

    /** Size of the file read byte by byte; rewound when the end is reached. */
    static final int FILE_SIZE = 1 << 20;

    /** Which detector is installed: a {@link Variant} label. */
    @Param({"plain", "agent", "blockhound"})
    public String variant;

    /** Zero, read from a field so that the JIT cannot fold {@code parkNanos(0)} away as it does a constant. */
    private long parkNanos;

    private final byte[] empty = new byte[1];
    private Path file;
    private FileInputStream in;

    /** Installs the detector and creates the file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Detectors.install(Variant.of(variant));
        file = Files.createTempFile("aiocop-bench-", ".bin");
        Files.write(file, new byte[FILE_SIZE]);
        in = new FileInputStream(file.toFile());
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (in != null) {
                in.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Reads one byte.
     *
     * @return the byte
     * @throws IOException never in practice
     */
    @Benchmark
    public int fileInputStreamRead() throws IOException {
        int b = in.read();
        if (b < 0) {
            in.getChannel().position(0);
            b = in.read();
        }
        return b;
    }

    /**
     * Reads zero bytes: the same instrumented methods as a real read ({@code read(byte[], int, int)} and the native
     * {@code readBytes}, which both tools hook), but the JDK returns before any syscall, so the detectors' checks
     * are not buried in the syscall's run-to-run spread.
     *
     * @return 0
     * @throws IOException never in practice
     */
    @Benchmark
    public int fileInputStreamReadEmpty() throws IOException {
        return in.read(empty, 0, 0);
    }

    /** Parks for no time: returns at once. */
    @Benchmark
    public void lockSupportParkNanos0() {
        LockSupport.parkNanos(parkNanos);
    }

    /**
     * Stats the file.
     *
     * @return its size
     * @throws IOException never in practice
     */
    @Benchmark
    public long filesSize() throws IOException {
        return Files.size(file);
    }
}
