package io.aiocop.internal.agent;

import static io.aiocop.internal.agent.InstrumentationTarget.allowance;
import static io.aiocop.internal.agent.InstrumentationTarget.blocking;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.aiocop.internal.agent.BlockingCallAdvice.FirstArgument;
import io.aiocop.internal.agent.BlockingCallAdvice.FirstTwoArguments;
import io.aiocop.internal.agent.BlockingCallAdvice.LongArgument;
import io.aiocop.internal.agent.BlockingCallAdvice.NoArgument;
import io.aiocop.internal.agent.BlockingCallAdvice.OuterInstance;
import io.aiocop.internal.agent.BlockingCallAdvice.PathField;
import io.aiocop.internal.agent.BlockingCallAdvice.BlockingModeChannel;
import io.aiocop.internal.agent.BlockingCallAdvice.Receiver;
import io.aiocop.internal.agent.BlockingCallAdvice.ReceiverAndArgument;
import io.aiocop.internal.agent.BlockingCallAdvice.SocketFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK methods the agent instruments and the built-in allowances: the one place that knows which JDK method
 * makes which blocking operation, per JDK version.
 *
 * <p>Only methods with Java code can take advice; native methods are skipped by {@link InstrumentationTarget}, so
 * a method native on one version and Java on another is listed once and instrumented where it can be:
 * <ul>
 *   <li>Java 17: {@code Thread.sleep(long)} and {@code Object.wait(long)} are native. {@code Thread.sleep(long, int)}
 *       (and so {@code TimeUnit.sleep}), {@code Object.wait()} and {@code Object.wait(long, int)} are Java and
 *       covered. The two native ones take no advice and are never wrapped (see {@link BlockingCallAgent}); the
 *       stall watchdog's sampling reports them.</li>
 *   <li>Java 19+: every {@code sleep} overload, {@code sleep(Duration)} included, is Java; 21+: {@code wait(long)}
 *       is Java (it calls the native {@code wait0}).</li>
 *   <li>All versions from 17: sockets go through {@code sun.nio.ch.NioSocketImpl}, files through the
 *       {@code FileInputStream}/{@code FileOutputStream}/{@code RandomAccessFile} Java wrappers, channels through
 *       {@code sun.nio.ch.*Impl}, reverse DNS through {@code InetAddress.getHostFromNameService} (its parameters
 *       differ, the name does not).</li>
 * </ul>
 */
final class JdkBlockingMethods {

    private JdkBlockingMethods() {
    }

    /** Returns every built-in target for the running JDK. */
    static List<InstrumentationTarget> targets() {
        List<InstrumentationTarget> t = new ArrayList<>();
        threads(t);
        network(t);
        files(t);
        processes(t);
        allowances(t);
        return List.copyOf(t);
    }

    private static void threads(List<InstrumentationTarget> t) {
        t.add(blocking("java.lang.Thread", named("sleep").and(takesArgument(0, long.class)), LongArgument.class, "sleep"));
        t.add(blocking("java.lang.Thread", named("sleep").and(takesArguments(Duration.class)), FirstArgument.class,
                "sleep"));
        t.add(blocking("java.lang.Thread", named("join").and(isPublic()), Receiver.class, "thread.join"));
        t.add(blocking("java.lang.Object", named("wait"), Receiver.class, "wait"));
        // Named after the java.util.concurrent call that parked (future.get, lock, queue.take...) when one did.
        t.add(blocking("java.util.concurrent.locks.LockSupport", namedOneOf("park", "parkNanos", "parkUntil"),
                NoArgument.class, "park"));
    }

    private static void network(List<InstrumentationTarget> t) {
        t.add(blocking("java.net.InetAddress", namedOneOf("getByName", "getAllByName").and(isPublic()),
                FirstArgument.class, "getaddrinfo"));
        t.add(blocking("java.net.InetAddress", named("getLocalHost"), NoArgument.class, "gethostname"));
        t.add(blocking("java.net.InetAddress", named("getHostFromNameService"), FirstArgument.class, "gethostbyaddr"));
        // java.net.Socket and ServerSocket.
        String socketImpl = "sun.nio.ch.NioSocketImpl";
        t.add(blocking(socketImpl, named("connect").and(takesArguments(2)).and(takesArgument(1, int.class))
                .and(takesArgument(0, java.net.SocketAddress.class)), FirstArgument.class, "connect"));
        // ServerSocket.accept and SSLServerSocket.accept both end in implAccept(Socket), where the server is known.
        t.add(blocking("java.net.ServerSocket", named("implAccept").and(takesArguments(java.net.Socket.class)),
                Receiver.class, "accept"));
        t.add(blocking(socketImpl, named("read").and(takesArguments(3)), SocketFields.class, "socket.read"));
        t.add(blocking(socketImpl, named("write").and(takesArguments(3)), SocketFields.class, "socket.write"));
        // SocketChannel and ServerSocketChannel: reported only in blocking mode, never for Netty's channels.
        String channelImpl = "sun.nio.ch.SocketChannelImpl";
        t.add(blocking(channelImpl, named("connect").and(isPublic()), ReceiverAndArgument.class, "connect"));
        t.add(blocking(channelImpl, named("read").and(isPublic()), BlockingModeChannel.class, "socket.read"));
        t.add(blocking(channelImpl, named("write").and(isPublic()), BlockingModeChannel.class, "socket.write"));
        t.add(blocking("sun.nio.ch.ServerSocketChannelImpl", named("accept").and(takesArguments(0)),
                BlockingModeChannel.class, "accept"));
        // SSLSocket: the handshake and application data; the socket I/O beneath is nested and not reported again.
        t.add(blocking("sun.security.ssl.SSLSocketImpl", named("startHandshake").and(isPublic()), Receiver.class,
                "ssl.handshake"));
        t.add(blocking("sun.security.ssl.SSLSocketImpl$AppInputStream", named("read").and(isPublic()),
                OuterInstance.class, "ssl.read"));
        t.add(blocking("sun.security.ssl.SSLSocketImpl$AppOutputStream", named("write").and(isPublic()),
                OuterInstance.class, "ssl.write"));
    }

    private static void files(List<InstrumentationTarget> t) {
        for (String stream : List.of("java.io.FileInputStream", "java.io.FileOutputStream",
                "java.io.RandomAccessFile")) {
            t.add(blocking(stream, named("open"), FirstArgument.class, "open"));
            // Reads of System.in (a FileInputStream without path) are named stdin.read.
            t.add(blocking(stream, named("read").and(isPublic()), PathField.class, "file.read"));
            t.add(blocking(stream, named("write").and(isPublic()), PathField.class, "file.write"));
        }
        t.add(blocking("sun.nio.ch.FileChannelImpl", named("read").and(isPublic()), PathField.class, "file.read"));
        t.add(blocking("sun.nio.ch.FileChannelImpl", named("write").and(isPublic()), PathField.class, "file.write"));
        t.add(blocking("java.nio.channels.FileChannel", named("open").and(isStatic()), FirstArgument.class, "open"));

        String files = "java.nio.file.Files";
        t.add(blocking(files, namedOneOf("newInputStream", "newOutputStream", "newByteChannel", "newBufferedReader",
                "newBufferedWriter", "lines"), FirstArgument.class, "open"));
        t.add(blocking(files, namedOneOf("readAllBytes", "readString", "readAllLines"), FirstArgument.class,
                "file.read"));
        t.add(blocking(files, namedOneOf("write", "writeString"), FirstArgument.class, "file.write"));
        t.add(blocking(files, namedOneOf("list", "newDirectoryStream"), FirstArgument.class, "listdir"));
        t.add(blocking(files, namedOneOf("walk", "find", "walkFileTree"), FirstArgument.class, "walk"));
        t.add(blocking(files, namedOneOf("delete", "deleteIfExists"), FirstArgument.class, "delete"));
        t.add(blocking(files, named("move"), FirstTwoArguments.class, "rename"));
        t.add(blocking(files, namedOneOf("createDirectory", "createDirectories"), FirstArgument.class, "mkdir"));
        t.add(blocking(files, named("createFile"), FirstArgument.class, "create"));
        t.add(blocking(files, named("copy"), FirstTwoArguments.class, "copy"));
        t.add(blocking(files, namedOneOf("exists", "notExists", "size", "readAttributes", "getAttribute",
                "getLastModifiedTime", "isDirectory", "isRegularFile", "isReadable", "isWritable", "isExecutable",
                "isHidden", "isSameFile"), FirstArgument.class, "stat"));

        String file = "java.io.File";
        t.add(blocking(file, namedOneOf("exists", "isFile", "isDirectory", "length", "lastModified", "canRead",
                "canWrite", "canExecute", "isHidden"), Receiver.class, "stat"));
        t.add(blocking(file, namedOneOf("list", "listFiles"), Receiver.class, "listdir"));
        t.add(blocking(file, named("delete"), Receiver.class, "delete"));
        t.add(blocking(file, named("renameTo"), ReceiverAndArgument.class, "rename"));
        t.add(blocking(file, namedOneOf("mkdir", "mkdirs"), Receiver.class, "mkdir"));
        t.add(blocking(file, named("createNewFile"), Receiver.class, "create"));

        // Console: java.io.Console up to 21, its ProxyingConsole subclass from 22.
        for (String console : List.of("java.io.Console", "java.io.ProxyingConsole")) {
            t.add(blocking(console, namedOneOf("readLine", "readPassword"), NoArgument.class, "stdin.read"));
        }
    }

    private static void processes(List<InstrumentationTarget> t) {
        // Runtime.exec and ProcessBuilder.startPipeline end in ProcessBuilder.start.
        t.add(blocking("java.lang.ProcessBuilder", named("start").and(takesArguments(0)), Receiver.class, "exec"));
        t.add(blocking("java.lang.ProcessImpl", named("waitFor"), Receiver.class, "process.wait"));
    }

    private static void allowances(List<InstrumentationTarget> t) {
        // Class loading reads jars (RandomAccessFile, ZipFile) and takes locks on whatever thread needs a class.
        t.add(allowance("java.lang.ClassLoader", "loadClass", true));
        // Every read of a zip or jar entry is a seek and a read of one RandomAccessFile shared by all users of that
        // file. Recording the read runs code between the two, and a class that code loads from the same jar on the
        // same thread moves the file pointer: the read then returns the wrong bytes (invalid LOC header), for the
        // application's reads as for the agent's. Jar reads are also what class and resource loading do.
        t.add(allowance("java.util.zip.ZipFile$Source", "readFullyAt", true));
        t.add(allowance("java.util.zip.ZipFile$Source", "readAt", true));
        // Files.walk and Files.find stream lazily: the walk is reported once, as heavy, where it starts.
        t.add(allowance("java.nio.file.FileTreeWalker", "next", true));
        // Netty's own waits are allowed by aiocop-netty's AiocopIntegration, as Netty declares them for BlockHound.
    }
}
