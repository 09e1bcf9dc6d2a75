package io.aiocop;

/**
 * A source of nanosecond time for measuring tasks, so tests can drive time by hand.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Returns the current time in nanoseconds from an arbitrary origin, as {@link System#nanoTime()} does.
     *
     * @return the time in nanoseconds
     */
    long read();

    /**
     * Returns the ticker backed by {@link System#nanoTime()}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
