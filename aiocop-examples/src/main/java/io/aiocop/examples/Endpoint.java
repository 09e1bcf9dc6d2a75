package io.aiocop.examples;

import io.netty.channel.ChannelHandlerContext;

/**
 * The demo server's endpoints: the path, what it does to the loop, how many requests the demo's traffic sends it,
 * and the code that answers.
 */
enum Endpoint {

    HELLO("/hello", "answers at once, as a handler should", 200, Handlers::hello),
    READ_FILE("/read-file", "reads a file with Files.readString", 20, Handlers::readFile),
    SLEEP("/sleep", "calls Thread.sleep(50)", 12, Handlers::sleep),
    RESOLVE("/resolve", "resolves a host name with InetAddress.getByName", 15, Handlers::resolve),
    LOCK("/lock", "enters a synchronized block that another thread holds most of the time", 15,
            Handlers::readCache),
    DATABASE("/db", "queries a database over a blocking socket, as a JDBC driver does", 15,
            Handlers::queryDatabase),
    CPU("/cpu", "hashes a password for 60 ms", 10, Handlers::hashPassword),
    SCHEDULED("/schedule", "schedules a task on the loop that reads a file and parses it for 40 ms", 10,
            Handlers::scheduleReload),
    STALL("/stall", "waits 2.5 s for a CompletableFuture: the loop stalls", 1, Handlers::awaitFuture);

    /** The code that answers a request, on the event loop. */
    @FunctionalInterface
    interface Action {
        String respond(ChannelHandlerContext ctx, DemoResources resources) throws Exception;
    }

    private final String path;
    private final String description;
    private final int requests;
    private final Action action;

    Endpoint(String path, String description, int requests, Action action) {
        this.path = path;
        this.description = description;
        this.requests = requests;
        this.action = action;
    }

    String path() {
        return path;
    }

    String description() {
        return description;
    }

    /** How many requests the demo's traffic sends to this endpoint. */
    int requests() {
        return requests;
    }

    Action action() {
        return action;
    }

    /** Returns the endpoint for {@code path}, or null. */
    static Endpoint forPath(String path) {
        for (Endpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return endpoint;
            }
        }
        return null;
    }
}
