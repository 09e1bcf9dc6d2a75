package io.aiocop;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns what the advice passed (a path, an address, a receiver) into the operation name and argument of an event,
 * e.g. {@code open(/var/data/x.json)} or {@code connect(127.0.0.1:5432)}. Runs only for calls that will be
 * recorded, so it may allocate; never on the unmonitored path.
 */
final class BlockingCallDetail {

    /** The name and argument of one event; {@code detail} may be null. */
    record Described(String name, String detail) {
    }

    /** How far up the stack a park looks for the {@code java.util.concurrent} call that caused it. */
    private static final int PARK_SCAN = 24;

    private static final StackWalker WALKER = StackWalker.getInstance();

    private BlockingCallDetail() {
    }

    /**
     * Describes a call, or returns null when the call does not block after all: an operation on a non-blocking
     * channel (Netty's own), a read or write on a stream that has no path and is not standard input, or a host
     * lookup given an IP literal ({@link HostLiterals}).
     */
    static Described describe(String operation, Object argument) throws Exception {
        switch (operation) {
            case "park":
                return parkedIn();
            case "file.read":
            case "file.write":
                return fileIo(operation, (Object[]) argument);
            case "socket.read":
            case "socket.write":
            case "accept":
            case "connect":
                return socket(operation, argument);
            case "getaddrinfo":
                // InetAddress parses an IP literal itself and asks no name service: no lookup, no event.
                if (argument == null || argument instanceof String
                        && HostLiterals.resolvesWithoutLookup((String) argument)) {
                    return null;
                }
                return new Described(operation, text(argument));
            case "rename":
            case "copy":
                return fromTo(operation, argument);
            default:
                return new Described(operation, text(argument));
        }
    }

    /** A move or copy: {@code source -> target}, from the two values the advice passed. */
    private static Described fromTo(String operation, Object argument) {
        if (!(argument instanceof Object[])) {
            return new Described(operation, text(argument));
        }
        Object[] pair = (Object[]) argument;
        return new Described(operation, text(pair[0]) + " -> " + text(pair[1]));
    }

    private static Described fileIo(String operation, Object[] selfAndPath) {
        Object self = selfAndPath[0];
        String path = (String) selfAndPath[1];
        if (path != null) {
            return new Described(operation, path);
        }
        if (self instanceof FileInputStream && isStandardInput((FileInputStream) self)) {
            return new Described("stdin.read", null);
        }
        // A stream over a bare descriptor: standard output, a pipe. Writing a log line to the console is not the
        // kind of blocking aiocop reports.
        return null;
    }

    private static boolean isStandardInput(FileInputStream stream) {
        try {
            return stream.getFD() == FileDescriptor.in;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Described socket(String operation, Object argument) throws Exception {
        Object self = argument;
        Object address = null;
        if (argument instanceof Object[]) {
            Object[] pair = (Object[]) argument;
            self = pair[0];
            address = pair[1];
        }
        if (self instanceof SelectableChannel) {
            // Like aiocop skipping sockets with timeout 0: a non-blocking channel (Netty's) never blocks.
            if (!((SelectableChannel) self).isBlocking()) {
                return null;
            }
            if (address == null) {
                address = self instanceof SocketChannel && !"accept".equals(operation)
                        ? ((SocketChannel) self).getRemoteAddress()
                        : self instanceof ServerSocketChannel ? ((NetworkChannel) self).getLocalAddress() : null;
            }
            return new Described(operation, text(address));
        }
        if (self instanceof InetAddress && argument instanceof Object[]) {
            // SocketImpl fields: the peer's address and port.
            return new Described(operation, ((InetAddress) self).getHostAddress() + ":" + address);
        }
        return new Described(operation, text(self));
    }

    /**
     * Names a park by the {@code java.util.concurrent} call that caused it, the outermost one before the caller's
     * own code: {@code CompletableFuture.join} is a {@code future.get}, {@code LinkedBlockingQueue.take} a
     * {@code queue.take}, {@code ReentrantLock.lock} under contention a {@code lock}.
     */
    private static Described parkedIn() {
        return WALKER.walk(frames -> {
            Described found = new Described("park", null);
            boolean inConcurrency = false;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames.limit(PARK_SCAN)::iterator) {
                String type = frame.getClassName();
                if (!type.startsWith("java.util.concurrent.")) {
                    if (inConcurrency) {
                        break;
                    }
                    continue;
                }
                inConcurrency = true;
                String name = concurrencyOperation(type, frame.getMethodName());
                if (name != null) {
                    String simple = type.substring(type.lastIndexOf('.') + 1);
                    found = new Described(name, simple + "." + frame.getMethodName());
                }
            }
            return found;
        });
    }

    private static String concurrencyOperation(String type, String method) {
        if (type.endsWith("FutureTask") || type.endsWith("CompletableFuture") || type.endsWith("ForkJoinTask")) {
            return "get".equals(method) || "join".equals(method) || "invoke".equals(method) ? "future.get" : null;
        }
        if (type.endsWith("BlockingQueue") || type.endsWith("BlockingDeque") || type.endsWith("SynchronousQueue")
                || type.endsWith("TransferQueue") || type.endsWith("DelayQueue")) {
            return method.startsWith("take") || method.startsWith("put") || method.startsWith("poll")
                    || method.startsWith("offer") || method.startsWith("transfer") ? "queue.take" : null;
        }
        if (type.endsWith("CountDownLatch") || type.endsWith("CyclicBarrier") || type.endsWith("Phaser")
                || type.endsWith("Semaphore") || type.endsWith("$ConditionObject")) {
            return method.startsWith("await") || method.startsWith("acquire") || method.startsWith("arrive")
                    ? "latch.await" : null;
        }
        if (type.startsWith("java.util.concurrent.locks.") && (method.startsWith("lock") || method.startsWith("tryLock")
                || method.startsWith("acquire") || method.startsWith("read") || method.startsWith("write"))) {
            return type.endsWith("$ConditionObject") ? null : "lock";
        }
        return null;
    }

    /** Formats one argument: a path, an address, a duration, a command line, a thread. */
    static String text(Object argument) {
        if (argument == null) {
            return null;
        }
        if (argument instanceof String) {
            return (String) argument;
        }
        if (argument instanceof Long) {
            return argument + " ms";
        }
        if (argument instanceof Duration) {
            return ((Duration) argument).toMillis() + " ms";
        }
        if (argument instanceof Path || argument instanceof File) {
            return argument.toString();
        }
        if (argument instanceof InetSocketAddress) {
            InetSocketAddress address = (InetSocketAddress) argument;
            String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
            return host + ":" + address.getPort();
        }
        if (argument instanceof InetAddress) {
            return ((InetAddress) argument).getHostAddress();
        }
        if (argument instanceof ProcessBuilder) {
            return String.join(" ", ((ProcessBuilder) argument).command());
        }
        if (argument instanceof Process) {
            return "pid " + ((Process) argument).pid();
        }
        if (argument instanceof Thread) {
            return ((Thread) argument).getName();
        }
        if (argument instanceof Socket) {
            return text(((Socket) argument).getRemoteSocketAddress());
        }
        if (argument instanceof ServerSocket) {
            return text(((ServerSocket) argument).getLocalSocketAddress());
        }
        return argument.getClass().getName();
    }
}
