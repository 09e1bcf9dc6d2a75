package io.aiocop;

/**
 * Weights of blocking operations, as in aiocop. A task's severity score is the sum of the weights of the
 * blocking events it recorded; {@link SeverityLevel#fromScore(int)} turns a score into a level.
 */
public final class Severity {

    /** High-impact blocking: socket connect, subprocess, sleep, DNS lookups, waits on other threads. */
    public static final int WEIGHT_HEAVY = 50;

    /** Medium-impact blocking: file open, file mutations, directory listing, socket I/O. */
    public static final int WEIGHT_MODERATE = 10;

    /** Low-impact blocking: stat calls, file locks, signals. */
    public static final int WEIGHT_LIGHT = 1;

    /** Negligible: recorded for the record, adds nothing to the score. */
    public static final int WEIGHT_TRIVIAL = 0;

    private Severity() {
    }
}
