package io.aiocop;

import static io.aiocop.Severity.WEIGHT_HEAVY;
import static io.aiocop.Severity.WEIGHT_LIGHT;
import static io.aiocop.Severity.WEIGHT_MODERATE;

import io.aiocop.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue of blocking operations and their weights: aiocop's {@code BLOCKING_EVENTS_DICT}.
 *
 * <p>Names are short operation names; an event reads {@code name(detail)}, e.g. {@code open(/tmp/x)}. Entries
 * may be added or changed at any time, also after detection started: every lookup reads the live map.
 */
final class BlockingEventRegistry {

    /** Returned by {@link #weightOf(String)} for a name that is not registered. */
    static final int UNKNOWN = -1;

    private static final Map<String, Integer> DEFAULTS = defaults();

    private final ConcurrentHashMap<String, Integer> weights = new ConcurrentHashMap<>(DEFAULTS);

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        // Network: aiocop's "Network Operations" table.
        m.put("getaddrinfo", WEIGHT_HEAVY);            // InetAddress.getByName/getAllByName
        m.put("gethostbyaddr", WEIGHT_HEAVY);          // InetAddress.getHostName/getCanonicalHostName
        m.put("gethostname", WEIGHT_HEAVY);            // InetAddress.getLocalHost
        m.put("connect", WEIGHT_HEAVY);                // Socket/SocketChannel connect
        m.put("accept", WEIGHT_HEAVY);                 // ServerSocket/ServerSocketChannel accept: waits for a peer, as connect does
        m.put("socket.read", WEIGHT_MODERATE);         // blocking socket input
        m.put("socket.write", WEIGHT_MODERATE);        // blocking socket output
        m.put("ssl.read", WEIGHT_MODERATE);            // SSLSocket input
        m.put("ssl.write", WEIGHT_MODERATE);           // SSLSocket output
        m.put("ssl.handshake", WEIGHT_MODERATE);       // SSLSocket.startHandshake
        m.put("jdbc.connect", WEIGHT_HEAVY);           // DriverManager.getConnection, DataSource.getConnection
        m.put("http.connect", WEIGHT_HEAVY);           // HttpURLConnection.connect, HttpClient.send
        // Files: aiocop's "File Operations" table.
        m.put("open", WEIGHT_MODERATE);                // FileInputStream, FileOutputStream, RandomAccessFile, FileChannel, Files.newXxx
        m.put("file.read", WEIGHT_LIGHT);              // read on an open file
        m.put("file.write", WEIGHT_LIGHT);             // write on an open file
        m.put("listdir", WEIGHT_MODERATE);             // File.list*, Files.list, Files.newDirectoryStream
        m.put("walk", WEIGHT_HEAVY);                   // Files.walk, Files.find, Files.walkFileTree
        m.put("delete", WEIGHT_MODERATE);              // File.delete, Files.delete*
        m.put("rename", WEIGHT_MODERATE);              // File.renameTo, Files.move
        m.put("mkdir", WEIGHT_MODERATE);               // File.mkdir*, Files.createDirectory*
        m.put("create", WEIGHT_MODERATE);              // Files.createFile, File.createNewFile
        m.put("copy", WEIGHT_MODERATE);                // Files.copy
        m.put("stat", WEIGHT_LIGHT);                   // File.exists/isFile/length/lastModified, Files.exists/size/readAttributes
        m.put("flock", WEIGHT_LIGHT);                  // FileChannel.lock
        m.put("stdin.read", WEIGHT_HEAVY);             // System.in, Console
        // Processes: aiocop's "Process Operations" table.
        m.put("exec", WEIGHT_HEAVY);                   // ProcessBuilder.start, Runtime.exec (fork/exec)
        m.put("process.wait", WEIGHT_HEAVY);           // Process.waitFor
        m.put("process.kill", WEIGHT_LIGHT);           // Process.destroy
        m.put("sleep", WEIGHT_HEAVY);                  // Thread.sleep, TimeUnit.sleep
        // Java's own ways to block a thread.
        m.put("park", WEIGHT_HEAVY);                   // LockSupport.park*
        m.put("lock", WEIGHT_HEAVY);                   // Lock.lock under contention
        m.put("monitor-enter", WEIGHT_HEAVY);          // a contended synchronized, seen by sampling
        m.put("wait", WEIGHT_HEAVY);                   // Object.wait
        m.put("future.get", WEIGHT_HEAVY);             // Future.get, CompletableFuture.join/get
        m.put("latch.await", WEIGHT_HEAVY);            // CountDownLatch.await, Condition.await
        m.put("queue.take", WEIGHT_HEAVY);             // BlockingQueue.take/put
        m.put("thread.join", WEIGHT_HEAVY);            // Thread.join
        return Map.copyOf(m);
    }

    /**
     * Returns the weight of an operation.
     *
     * @param name the operation name
     * @return its weight, or {@link #UNKNOWN}
     */
    int weightOf(String name) {
        Integer w = weights.get(name);
        return w == null ? UNKNOWN : w;
    }

    /**
     * Adds or changes an entry.
     *
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when {@code name} is blank or {@code weight} is negative
     */
    void register(String name, int weight) {
        checkName(name);
        Checks.requireArgument(weight >= 0, "weight of blocking event '%s' must be >= 0, was %d", name, weight);
        weights.put(name, weight);
    }

    /** Puts back an entry's earlier weight, or removes it when it had none; for rolling back a failed change. */
    void restore(String name, Integer previousWeight) {
        if (previousWeight == null) {
            weights.remove(name);
        } else {
            weights.put(name, previousWeight);
        }
    }

    /** Validates an operation name without touching the registry. */
    static String checkName(String name) {
        return Checks.requireNonBlank(name, "name");
    }

    /** Returns an immutable, sorted snapshot of every entry. */
    Map<String, Integer> snapshot() {
        return Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /** Restores the default catalogue; for tests. */
    void reset() {
        weights.clear();
        weights.putAll(DEFAULTS);
    }
}
