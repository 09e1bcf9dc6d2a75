package io.aiocop.netty;

import io.aiocop.Aiocop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/** Helpers to drive real loops from a test thread. */
final class Loops {

    private Loops() {
    }

    /**
     * Waits until every task the group's executors had queued has run and been reported: a task is reported when
     * the next one starts, so two rounds of no-op tasks flush everything before them. Tail tasks
     * ({@code executeAfterEventLoopIteration}) are not flushed: they wait for the end of the loop's batch.
     */
    static void quiesce(EventExecutorGroup group) throws Exception {
        for (int round = 0; round < 2; round++) {
            for (EventExecutor executor : group) {
                executor.submit(() -> { }).get(RecordingCallback.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Keeps the CPU busy, without any blocking call, for at least {@code millis}. */
    static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        if (x == 42) {
            Thread.onSpinWait();
        }
    }

    /** Returns the line number of the caller's next line, to pin an entry point. */
    static int nextLine() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber() + 1;
    }

    /** Shuts a group down and waits for it, as every test does in {@code finally}. */
    static void shutdown(EventExecutorGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Restores the JVM-wide settings the tests change. */
    static void resetAiocop() {
        Aiocop.activate();
        Aiocop.disableRaiseOnViolations();
        Aiocop.startBlockingIoDetection();
        Aiocop.detectSlowTasks();
    }
}
