package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each event names everything the call touches, in full: both ends of a move or copy, the local address an accept
 * waits on, the peer of an SSL read or write, the thread joined and the process waited for.
 */
final class CatalogueDetailAgentTest {

    private static AgentFixtures.StreamingServer server;
    private static AgentTestLoop loop;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        AgentFixtures.installAgent();
        server = new AgentFixtures.StreamingServer();
        loop = new AgentTestLoop("catalogue");
    }

    @AfterAll
    static void tearDown() throws Exception {
        loop.close();
        server.close();
    }

    @Test
    void filesMoveNamesSourceAndTarget() throws Exception {
        Path from = Files.writeString(dir.resolve("from.txt"), "x");
        Path to = dir.resolve("to.txt");

        assertThat(events(() -> Files.move(from, to))).containsExactly("rename(" + from + " -> " + to + ")");
    }

    @Test
    void fileRenameToNamesSourceAndTarget() throws Exception {
        File from = Files.writeString(dir.resolve("old.txt"), "x").toFile();
        File to = dir.resolve("new.txt").toFile();

        assertThat(events(() -> from.renameTo(to))).containsExactly("rename(" + from + " -> " + to + ")");
    }

    @Test
    void filesCopyNamesSourceAndTarget() throws Exception {
        Path from = Files.writeString(dir.resolve("original.txt"), "x");
        Path to = dir.resolve("copy.txt");

        assertThat(events(() -> Files.copy(from, to))).containsExactly("copy(" + from + " -> " + to + ")");
    }

    @Test
    void filesCopyFromAStreamNamesTheStreamClassAndTheTarget() throws Exception {
        Path to = dir.resolve("from-stream.txt");

        assertThat(events(() -> Files.copy(new ByteArrayInputStream(new byte[] {1}), to)))
                .containsExactly("copy(" + ByteArrayInputStream.class.getName() + " -> " + to + ")");
    }

    @Test
    void filesCopyToAStreamNamesTheSourceAndTheStreamClass() throws Exception {
        Path from = Files.writeString(dir.resolve("to-stream.txt"), "x");

        assertThat(events(() -> Files.copy(from, new ByteArrayOutputStream())))
                .containsExactly("copy(" + from + " -> " + ByteArrayOutputStream.class.getName() + ")");
    }

    @Test
    void serverSocketAcceptNamesItsLocalAddressAndWeighsAsMuchAsConnect() throws Exception {
        try (ServerSocket pending = new ServerSocket(0, 1, AgentFixtures.LOOPBACK)) {
            new Socket(AgentFixtures.LOOPBACK, pending.getLocalPort()).close();
            String local = AgentFixtures.LOOPBACK.getHostAddress() + ":" + pending.getLocalPort();

            AgentTestLoop.Outcome outcome = loop.runTask(() -> pending.accept().close());

            assertThat(outcome.thrown()).isNull();
            assertThat(outcome.events()).singleElement().satisfies(event -> {
                assertThat(event.event()).isEqualTo("accept(" + local + ")");
                assertThat(event.severity()).isEqualTo(MonitoringState.EVENTS.weightOf("connect"))
                        .isEqualTo(Severity.WEIGHT_HEAVY);
            });
        }
    }

    @Test
    void sslServerSocketAcceptNamesItsLocalAddress() throws Exception {
        try (ServerSocket pending = SSLServerSocketFactory.getDefault().createServerSocket(0, 1,
                AgentFixtures.LOOPBACK)) {
            new Socket(AgentFixtures.LOOPBACK, pending.getLocalPort()).close();
            String local = AgentFixtures.LOOPBACK.getHostAddress() + ":" + pending.getLocalPort();

            assertThat(events(() -> pending.accept().close())).containsExactly("accept(" + local + ")");
        }
    }

    @Test
    void blockingServerSocketChannelAcceptNamesItsLocalAddressAndIsHeavy() throws Exception {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress(AgentFixtures.LOOPBACK, 0));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            new Socket(AgentFixtures.LOOPBACK, port).close();

            AgentTestLoop.Outcome outcome = loop.runTask(() -> channel.accept().close());

            assertThat(outcome.thrown()).isNull();
            assertThat(outcome.events()).singleElement().satisfies(event -> {
                assertThat(event.event()).isEqualTo("accept(" + AgentFixtures.LOOPBACK.getHostAddress() + ":" + port
                        + ")");
                assertThat(event.severity()).isEqualTo(Severity.WEIGHT_HEAVY);
            });
        }
    }

    @Test
    void sslReadNamesThePeer() throws Exception {
        assertThat(events(() -> ssl(socket -> socket.getInputStream().read())))
                .contains("ssl.read(" + server.text() + ")");
    }

    @Test
    void sslWriteNamesThePeer() throws Exception {
        assertThat(events(() -> ssl(socket -> socket.getOutputStream().write(1))))
                .contains("ssl.write(" + server.text() + ")");
    }

    @Test
    void threadJoinNamesTheThread() throws Exception {
        Thread joined = new Thread(() -> { }, "joined-by-catalogue-test");
        joined.start();

        assertThat(events(joined::join)).containsExactly("thread.join(joined-by-catalogue-test)");
    }

    @Test
    void processWaitNamesThePid() throws Exception {
        Process process = new ProcessBuilder("true").start();

        assertThat(events(process::waitFor)).containsExactly("process.wait(pid " + process.pid() + ")");
    }

    @Test
    void fileChannelOpenNamesThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("channel.txt"), "x");

        assertThat(events(() -> FileChannel.open(file).close())).containsExactly("open(" + file + ")");
    }

    @Test
    void directoryStreamNamesTheDirectory() throws Exception {
        assertThat(events(() -> Files.newDirectoryStream(dir).close())).containsExactly("listdir(" + dir + ")");
    }

    /** Runs {@code action} as one task and returns its events' text, failing if it threw. */
    private static List<String> events(AgentTestLoop.Action action) throws Exception {
        AgentTestLoop.Outcome outcome = loop.runTask(action);
        assertThat(outcome.thrown()).isNull();
        return outcome.events().stream().map(BlockingEventInfo::event).toList();
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
