package io.aiocop.examples;

import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints' code, run on the event loop: one that behaves, and the ways people block a loop by mistake. Each
 * method is what a handler's {@code channelRead} would call; the line that blocks is the call site aiocop names.
 */
final class Handlers {

    private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);

    /** How long the stalling endpoint waits. */
    static final long STALL_MS = 2500;

    private Handlers() {
    }

    static String hello(ChannelHandlerContext ctx, DemoResources resources) {
        return "hello";
    }

    static String readFile(ChannelHandlerContext ctx, DemoResources resources) throws IOException {
        return Files.readString(resources.usersFile());
    }

    static String sleep(ChannelHandlerContext ctx, DemoResources resources) throws InterruptedException {
        Thread.sleep(50);   // the plain Thread.sleep(long): native on Java 17, found there by sampling
        return "slept 50 ms";
    }

    static String resolve(ChannelHandlerContext ctx, DemoResources resources) throws IOException {
        return "localhost is " + InetAddress.getByName("localhost").getHostAddress();
    }

    static String readCache(ChannelHandlerContext ctx, DemoResources resources) {
        return "cache version " + resources.cache().read();   // waits while the refresher holds the monitor
    }

    static String queryDatabase(ChannelHandlerContext ctx, DemoResources resources) throws IOException {
        return resources.database().query("SELECT name FROM users WHERE id = 1");
    }

    static String hashPassword(ChannelHandlerContext ctx, DemoResources resources) {
        return "hash " + hash("correct horse battery staple", 60);
    }

    static String scheduleReload(ChannelHandlerContext ctx, DemoResources resources) {
        ctx.executor().schedule(() -> reloadConfig(resources.configFile()), 10, TimeUnit.MILLISECONDS);
        return "reload scheduled";
    }

    static String awaitFuture(ChannelHandlerContext ctx, DemoResources resources)
            throws InterruptedException, ExecutionException {
        CompletableFuture<String> slowCall = CompletableFuture.supplyAsync(() -> {
            sleepQuietly(STALL_MS);
            return "done";
        });
        return "the slow call is " + slowCall.get();   // joins a future on the loop: the loop stalls until it ends
    }

    /** A scheduled task that reads a file and then parses it slowly, on the loop that runs the channel. */
    private static void reloadConfig(Path file) {
        try {
            String config = Files.readString(file);
            hash(config, 40);
        } catch (IOException e) {
            LOG.warn("cannot reload {}", file, e);
        }
    }

    /** Hashes {@code text} over and over for {@code millis}: the CPU-heavy work of a password hash. */
    private static String hash(String text, long millis) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] digest = text.getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                digest = sha256.digest(digest);
            }
        }
        return String.format("%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
