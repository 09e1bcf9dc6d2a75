package io.aiocop;

import static io.aiocop.Severity.WEIGHT_HEAVY;
import static io.aiocop.Severity.WEIGHT_LIGHT;
import static io.aiocop.Severity.WEIGHT_MODERATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.internal.LibraryCode;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every covered blocking operation, called for real: reported on a monitored thread inside a task (with its event
 * text, weight and the test's own line as entry point), not reported on unmonitored threads.
 */
final class BlockingCallCoverageAgentTest {

    /** One blocking call: the event it must produce and the line of the test that makes it. */
    record Case(String label, String event, int weight, int line, AgentTestLoop.Action action) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Object MONITOR = new Object();
    private static final ReentrantLock HELD = new ReentrantLock();

    private static Path tmp;
    private static Path file;
    private static Path dir;
    private static AgentFixtures.StreamingServer server;
    private static Socket socket;
    private static InputStream socketIn;
    private static OutputStream socketOut;
    private static SocketChannel channel;
    private static FileInputStream fileIn;
    private static FileOutputStream fileOut;
    private static RandomAccessFile randomAccess;
    private static FileChannel fileChannel;
    private static AgentTestLoop loop;

    @BeforeAll
    static void setUp() throws Exception {
        AgentFixtures.installAgent();
        tmp = Files.createTempDirectory("aiocop-agent-test");
        file = Files.writeString(tmp.resolve("data.txt"), "hello\nworld\n");
        dir = Files.createDirectories(tmp.resolve("tree/a/b"));
        Files.writeString(dir.resolve("leaf.txt"), "leaf");
        server = new AgentFixtures.StreamingServer();
        socket = new Socket(AgentFixtures.LOOPBACK, server.server.getLocalPort());
        socketIn = socket.getInputStream();
        socketOut = socket.getOutputStream();
        channel = SocketChannel.open(server.address());
        fileIn = new FileInputStream(file.toFile());
        fileOut = new FileOutputStream(tmp.resolve("out.bin").toFile());
        randomAccess = new RandomAccessFile(tmp.resolve("random.bin").toFile(), "rw");
        fileChannel = FileChannel.open(tmp.resolve("channel.bin"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            HELD.lock();
            locked.countDown();
            LockSupport.park();
        }, "lock-holder");
        holder.setDaemon(true);
        holder.start();
        locked.await();
        loop = new AgentTestLoop("coverage");
    }

    @AfterAll
    static void tearDown() throws Exception {
        loop.close();
        for (AutoCloseable closeable : new AutoCloseable[] {socket, channel, fileIn, fileOut, randomAccess, fileChannel,
            server}) {
            closeable.close();
        }
    }

    static Stream<Case> operations() throws Exception {
        String f = file.toString();
        String s = server.text();
        List<Case> c = new ArrayList<>();
        // Sleeping and waiting.
        c.add(op("Thread.sleep(long, int)", "sleep(1 ms)", WEIGHT_HEAVY, () -> Thread.sleep(1, 0)));
        c.add(op("TimeUnit.sleep", "sleep(1 ms)", WEIGHT_HEAVY, () -> TimeUnit.MILLISECONDS.sleep(1)));
        c.add(op("Object.wait(long, int)", "wait(java.lang.Object)", WEIGHT_HEAVY, () -> { synchronized (MONITOR) { MONITOR.wait(1, 0); } }));
        c.add(op("LockSupport.parkNanos", "park()", WEIGHT_HEAVY, () -> LockSupport.parkNanos(1_000)));
        c.add(op("CompletableFuture.get", "future.get(CompletableFuture.get)", WEIGHT_HEAVY, () -> timeout(() -> new CompletableFuture<>().get(1, TimeUnit.MILLISECONDS))));
        c.add(op("FutureTask.get", "future.get(FutureTask.get)", WEIGHT_HEAVY, () -> timeout(() -> new FutureTask<>(() -> 1).get(1, TimeUnit.MILLISECONDS))));
        c.add(op("CountDownLatch.await", "latch.await(CountDownLatch.await)", WEIGHT_HEAVY, () -> new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS)));
        c.add(op("BlockingQueue.poll", "queue.take(LinkedBlockingQueue.poll)", WEIGHT_HEAVY, () -> new LinkedBlockingQueue<>().poll(1, TimeUnit.MILLISECONDS)));
        c.add(op("ReentrantLock contended", "lock(ReentrantLock.tryLock)", WEIGHT_HEAVY, () -> HELD.tryLock(1, TimeUnit.MILLISECONDS)));
        c.add(op("Thread.join", "thread.join(joined)", WEIGHT_HEAVY, () -> startedThread("joined").join()));
        if (Runtime.version().feature() >= 19) {
            c.add(op("Thread.sleep(long)", "sleep(1 ms)", WEIGHT_HEAVY, () -> Thread.sleep(1)));
            c.add(op("Thread.sleep(Duration)", "sleep(1 ms)", WEIGHT_HEAVY, () -> Thread.class.getMethod("sleep", Duration.class).invoke(null, Duration.ofMillis(1))));
        }
        // Network.
        c.add(op("Socket connect", "connect(" + s + ")", WEIGHT_HEAVY, () -> new Socket(AgentFixtures.LOOPBACK, server.server.getLocalPort()).close()));
        c.add(op("Socket read", "socket.read(" + s + ")", WEIGHT_MODERATE, () -> socketIn.read()));
        c.add(op("Socket write", "socket.write(" + s + ")", WEIGHT_MODERATE, () -> socketOut.write(1)));
        c.add(op("ServerSocket accept", "accept(" + AgentFixtures.LOOPBACK.getHostAddress() + ":", WEIGHT_HEAVY, () -> pendingServer().accept().close()));
        c.add(op("SocketChannel connect", "connect(" + s + ")", WEIGHT_HEAVY, () -> SocketChannel.open(server.address()).close()));
        c.add(op("SocketChannel read", "socket.read(" + s + ")", WEIGHT_MODERATE, () -> channel.read(ByteBuffer.allocate(1))));
        c.add(op("SocketChannel write", "socket.write(" + s + ")", WEIGHT_MODERATE, () -> channel.write(ByteBuffer.allocate(1))));
        c.add(op("SSLSocket handshake", "ssl.handshake(" + s + ")", WEIGHT_MODERATE, () -> ssl(socket -> socket.startHandshake())));
        c.add(op("SSLSocket read", "ssl.read(" + s + ")", WEIGHT_MODERATE, () -> ssl(socket -> socket.getInputStream().read())));
        c.add(op("InetAddress.getByName", "getaddrinfo(localhost)", WEIGHT_HEAVY, () -> InetAddress.getByName("localhost")));
        c.add(op("InetAddress.getAllByName", "getaddrinfo(localhost)", WEIGHT_HEAVY, () -> InetAddress.getAllByName("localhost")));
        c.add(op("InetAddress.getLocalHost", "gethostname()", WEIGHT_HEAVY, () -> ignoreUnknownHost(() -> InetAddress.getLocalHost())));
        c.add(op("reverse DNS", "gethostbyaddr(127.0.0.1)", WEIGHT_HEAVY, () -> InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).getHostName()));
        // Files: open, read, write.
        c.add(op("FileInputStream open", "open(" + f + ")", WEIGHT_MODERATE, () -> new FileInputStream(f).close()));
        c.add(op("FileInputStream read", "file.read(" + f + ")", WEIGHT_LIGHT, () -> fileIn.read()));
        c.add(op("FileOutputStream open", "open(" + tmp, WEIGHT_MODERATE, () -> new FileOutputStream(fresh().toFile()).close()));
        c.add(op("FileOutputStream write", "file.write(" + tmp.resolve("out.bin") + ")", WEIGHT_LIGHT, () -> fileOut.write(1)));
        c.add(op("RandomAccessFile open", "open(" + f + ")", WEIGHT_MODERATE, () -> new RandomAccessFile(f, "r").close()));
        c.add(op("RandomAccessFile read", "file.read(" + tmp.resolve("random.bin") + ")", WEIGHT_LIGHT, () -> randomAccess.read()));
        c.add(op("RandomAccessFile write", "file.write(" + tmp.resolve("random.bin") + ")", WEIGHT_LIGHT, () -> randomAccess.write(1)));
        c.add(op("FileChannel open", "open(" + f + ")", WEIGHT_MODERATE, () -> FileChannel.open(file).close()));
        c.add(op("FileChannel read", "file.read(" + tmp.resolve("channel.bin") + ")", WEIGHT_LIGHT, () -> fileChannel.read(ByteBuffer.allocate(1), 0)));
        c.add(op("FileChannel write", "file.write(" + tmp.resolve("channel.bin") + ")", WEIGHT_LIGHT, () -> fileChannel.write(ByteBuffer.allocate(1))));
        c.add(op("Files.readAllBytes", "file.read(" + f + ")", WEIGHT_LIGHT, () -> Files.readAllBytes(file)));
        c.add(op("Files.readString", "file.read(" + f + ")", WEIGHT_LIGHT, () -> Files.readString(file)));
        c.add(op("Files.newInputStream", "open(" + f + ")", WEIGHT_MODERATE, () -> Files.newInputStream(file).close()));
        c.add(op("Files.newBufferedReader", "open(" + f + ")", WEIGHT_MODERATE, () -> Files.newBufferedReader(file).close()));
        c.add(op("Files.lines", "open(" + f + ")", WEIGHT_MODERATE, () -> Files.lines(file).close()));
        c.add(op("Files.write", "file.write(" + tmp, WEIGHT_LIGHT, () -> Files.write(fresh(), new byte[] {1})));
        c.add(op("Files.writeString", "file.write(" + tmp, WEIGHT_LIGHT, () -> Files.writeString(fresh(), "x")));
        // Directories.
        c.add(op("Files.list", "listdir(" + dir + ")", WEIGHT_MODERATE, () -> Files.list(dir).close()));
        c.add(op("Files.newDirectoryStream", "listdir(" + dir + ")", WEIGHT_MODERATE, () -> Files.newDirectoryStream(dir).close()));
        c.add(op("File.list", "listdir(" + dir + ")", WEIGHT_MODERATE, () -> dir.toFile().list()));
        c.add(op("File.listFiles", "listdir(" + dir + ")", WEIGHT_MODERATE, () -> dir.toFile().listFiles()));
        c.add(op("Files.walk", "walk(" + tmp + ")", WEIGHT_HEAVY, () -> Files.walk(tmp).count()));
        c.add(op("Files.find", "walk(" + tmp + ")", WEIGHT_HEAVY, () -> Files.find(tmp, 9, (p, a) -> true).count()));
        c.add(op("Files.walkFileTree", "walk(" + tmp + ")", WEIGHT_HEAVY, () -> Files.walkFileTree(tmp, new SimpleFileVisitor<>() { })));
        // Mutations.
        c.add(op("Files.delete", "delete(" + tmp, WEIGHT_MODERATE, () -> Files.delete(Files.createFile(fresh()))));
        c.add(op("Files.deleteIfExists", "delete(" + tmp, WEIGHT_MODERATE, () -> Files.deleteIfExists(fresh())));
        c.add(op("File.delete", "delete(" + tmp, WEIGHT_MODERATE, () -> fresh().toFile().delete()));
        c.add(op("Files.move", "rename(" + tmp, WEIGHT_MODERATE, () -> Files.move(Files.createFile(fresh()), fresh())));
        c.add(op("File.renameTo", "rename(" + tmp, WEIGHT_MODERATE, () -> fresh().toFile().renameTo(fresh().toFile())));
        c.add(op("Files.createDirectory", "mkdir(" + tmp, WEIGHT_MODERATE, () -> Files.createDirectory(fresh())));
        c.add(op("Files.createDirectories", "mkdir(" + tmp, WEIGHT_MODERATE, () -> Files.createDirectories(fresh().resolve("x"))));
        c.add(op("File.mkdir", "mkdir(" + tmp, WEIGHT_MODERATE, () -> fresh().toFile().mkdir()));
        c.add(op("File.mkdirs", "mkdir(" + tmp, WEIGHT_MODERATE, () -> fresh().toFile().mkdirs()));
        c.add(op("Files.createFile", "create(" + tmp, WEIGHT_MODERATE, () -> Files.createFile(fresh())));
        c.add(op("File.createNewFile", "create(" + tmp, WEIGHT_MODERATE, () -> fresh().toFile().createNewFile()));
        c.add(op("Files.copy", "copy(" + f + " -> " + tmp, WEIGHT_MODERATE, () -> Files.copy(file, fresh())));
        // Stat calls.
        c.add(op("File.exists", "stat(" + f + ")", WEIGHT_LIGHT, () -> file.toFile().exists()));
        c.add(op("File.isFile", "stat(" + f + ")", WEIGHT_LIGHT, () -> file.toFile().isFile()));
        c.add(op("File.length", "stat(" + f + ")", WEIGHT_LIGHT, () -> file.toFile().length()));
        c.add(op("File.lastModified", "stat(" + f + ")", WEIGHT_LIGHT, () -> file.toFile().lastModified()));
        c.add(op("Files.exists", "stat(" + f + ")", WEIGHT_LIGHT, () -> Files.exists(file)));
        c.add(op("Files.size", "stat(" + f + ")", WEIGHT_LIGHT, () -> Files.size(file)));
        c.add(op("Files.readAttributes", "stat(" + f + ")", WEIGHT_LIGHT, () -> Files.readAttributes(file, "size")));
        // Processes.
        c.add(op("ProcessBuilder.start", "exec(true)", WEIGHT_HEAVY, () -> new ProcessBuilder("true").start().waitFor()));
        c.add(op("Runtime.exec", "exec(true)", WEIGHT_HEAVY, () -> Runtime.getRuntime().exec(new String[] {"true"}).waitFor()));
        c.add(op("Process.waitFor", "process.wait(pid ", WEIGHT_HEAVY, () -> new ProcessBuilder("true").start().waitFor()));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void isReportedOnMonitoredThreadInsideTask(Case operation) throws Exception {
        AgentTestLoop.Outcome outcome = loop.runTask(operation.action());

        assertThat(outcome.thrown()).isNull();
        assertThat(outcome.events()).filteredOn(e -> e.event().startsWith(operation.event()))
                .as("events %s", outcome.events())
                .isNotEmpty()
                .allSatisfy(event -> {
                    assertThat(event.severity()).isEqualTo(operation.weight());
                    assertThat(event.entryPoint()).endsWith("(" + getClass().getSimpleName() + ".java:"
                            + operation.line() + ")");
                    assertThat(event.trace()).isNotEmpty();
                    // The trace starts right below aiocop's frames and reaches the entry point unless it is full.
                    assertThat(isLibraryClass(event.trace().get(0).getClassName())).as("trace %s", event.trace())
                            .isFalse();
                    assertThat(event.trace().stream().map(Object::toString).anyMatch(event.entryPoint()::equals)
                            || event.trace().size() == MonitoringState.traceDepth).as("trace %s", event.trace())
                            .isTrue();
                });
    }

    private static boolean isLibraryClass(String name) {
        try {
            ClassLoader loader = BlockingCallCoverageAgentTest.class.getClassLoader();
            return LibraryCode.isLibrary(Class.forName(name, false, loader));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void isNotReportedOnUnmonitoredThreads(Case operation) throws Exception {
        List<Throwable> thrown = new ArrayList<>();
        Runnable body = () -> {
            try {
                operation.action().run();
            } catch (Throwable t) {
                thrown.add(t);
            }
        };
        // A plain thread, and a thread of the loop's own class that runs no monitor.
        Thread plain = new Thread(body, "plain");
        Thread unbound = new AgentTestLoop.LoopThread(body, "unbound");
        Thread both = new Thread(() -> {
            plain.start();
            join(plain);
            unbound.start();
            join(unbound);
        });

        List<BlockingEventInfo> reportedMeanwhile = loop.runElsewhereDuringTask(both);

        assertThat(thrown).isEmpty();
        assertThat(reportedMeanwhile).isEmpty();
    }

    private static Case op(String label, String event, int weight, AgentTestLoop.Action action) {
        int line = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
        return new Case(label, event, weight, line, action);
    }

    private static Path fresh() {
        return tmp.resolve("n" + COUNTER.incrementAndGet());
    }

    private static Thread startedThread(String name) {
        Thread thread = new Thread(() -> { }, name);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void timeout(AgentTestLoop.Action action) throws Exception {
        try {
            action.run();
        } catch (TimeoutException expected) {
            // The call blocked for its whole timeout, as intended.
        }
    }

    private static void ignoreUnknownHost(AgentTestLoop.Action action) throws Exception {
        try {
            action.run();
        } catch (java.net.UnknownHostException machineWithoutName) {
            // The lookup still happened.
        }
    }

    /** A server socket with one connection already waiting in its backlog, so that accept returns at once. */
    private static ServerSocket pendingServer() throws Exception {
        ServerSocket pending = new ServerSocket(0, 1, AgentFixtures.LOOPBACK);
        new Socket(AgentFixtures.LOOPBACK, pending.getLocalPort()).close();
        return pending;
    }

    @FunctionalInterface
    interface SslAction {
        void run(SSLSocket socket) throws Exception;
    }

    /** Talks TLS to the streaming server, which answers with zeros: the handshake fails after real socket I/O. */
    private static void ssl(SslAction action) throws Exception {
        try (SSLSocket ssl = (SSLSocket) SSLSocketFactory.getDefault().createSocket(AgentFixtures.LOOPBACK,
                server.server.getLocalPort())) {
            action.run(ssl);
        } catch (SSLException expected) {
            // Not a TLS peer.
        }
    }
}
