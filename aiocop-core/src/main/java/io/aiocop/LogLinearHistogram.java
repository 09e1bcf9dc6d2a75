package io.aiocop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts of non-negative nanosecond values in log-linear buckets, HdrHistogram's layout with 16 linear sub-buckets
 * per power of two: a value is kept to within 1/16 (6.25%) of itself, from 0 to {@code Long.MAX_VALUE}, in a
 * preallocated {@code long[960]}.
 *
 * <p>One writer, any number of readers. The writer (the loop thread bound to the monitor, or, with auto-scaling, the
 * thread that drives it now; Netty's processing lock orders one driver's writes before the next one's) increments a
 * bucket with a plain read and an opaque store: a plain move on x86 and ARM, no fence, no lock. Readers copy the
 * buckets with opaque loads, so that each count is read whole (a plain {@code long} may tear by JLS 17.7) and never
 * goes backwards; a copy is not one atomic snapshot, but every value recorded lands in exactly one bucket and each
 * bucket only grows, so the difference of two copies counts every value recorded in between once, in at most one
 * of two adjacent intervals. That is the whole interval protocol: readers never write, so any number of them read
 * the same histogram without disturbing each other or the writer (HdrHistogram's {@code Recorder} swaps buffers
 * instead, which needs a writer-side atomic per value).
 */
final class LogLinearHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    /** Values below this have a bucket each. */
    private static final long LINEAR_LIMIT = 2 * SUB;

    /** Buckets needed for values up to {@code Long.MAX_VALUE}. */
    static final int BUCKETS = (64 - SUB_BITS) * SUB;

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] counts = new long[BUCKETS];

    /** Records one value; bound thread only. A negative value counts as 0. */
    void record(long nanos) {
        int i = index(Math.max(0, nanos));
        COUNTS.setOpaque(counts, i, counts[i] + 1);
    }

    /** Copies the counts into {@code into} (length {@link #BUCKETS}); any thread. */
    void copyInto(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            into[i] = (long) COUNTS.getOpaque(counts, i);
        }
    }

    /** Returns the bucket of a non-negative value. */
    static int index(long value) {
        int exponent = 63 - Long.numberOfLeadingZeros(value | (LINEAR_LIMIT - 1));
        return ((exponent - SUB_BITS) << SUB_BITS) + (int) (value >>> (exponent - SUB_BITS));
    }

    /** Returns the greatest value that lands in bucket {@code index}. */
    static long highestValue(int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long lowest = (long) ((index & (SUB - 1)) | SUB) << shift;
        return lowest + (1L << shift) - 1;
    }

    /** Returns the sum of the counts. */
    static long total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * Returns the value at {@code quantile} of the counts: the greatest value of the bucket that holds the value of
     * that rank, as HdrHistogram's {@code getValueAtPercentile}; 0 when the counts are all 0.
     */
    static long valueAt(long[] counts, long total, double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highestValue(i);
            }
        }
        return highestValue(counts.length - 1);
    }

    /** Returns the greatest value of the highest non-empty bucket, or 0 when the counts are all 0. */
    static long maxValue(long[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] != 0) {
                return highestValue(i);
            }
        }
        return 0;
    }
}
