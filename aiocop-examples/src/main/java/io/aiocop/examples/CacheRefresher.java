package io.aiocop.examples;

import java.util.concurrent.TimeUnit;

/**
 * A background thread that holds a cache's monitor most of the time, as a refresher that rebuilds the cache inside
 * {@code synchronized} does: a handler that reads the cache under the same monitor waits on the event loop.
 */
final class CacheRefresher implements AutoCloseable {

    /** How long each refresh holds the monitor. */
    static final long HOLD_MS = 40;

    private final Object cache = new Object();
    private final Thread thread = new Thread(this::refreshForever, "cache-refresher");
    private long version;

    CacheRefresher() {
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads the cache under its monitor. */
    long read() {
        synchronized (cache) {
            return version;
        }
    }

    private void refreshForever() {
        try {
            while (true) {
                synchronized (cache) {
                    TimeUnit.MILLISECONDS.sleep(HOLD_MS);
                    version++;
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (InterruptedException e) {
            // close() stops the refresher.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
