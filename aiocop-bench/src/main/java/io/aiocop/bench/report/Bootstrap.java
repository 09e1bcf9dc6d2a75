package io.aiocop.bench.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Medians and their 95% bootstrap confidence intervals, shared by the reports that compare variants measured in
 * interleaved rounds ({@link HttpLoadReport}, {@link TargetsReport}).
 *
 * <p>The interval is the 2.5th to 97.5th percentile of the medians of {@value #RESAMPLES} resamples (with
 * replacement), drawn with a fixed seed so that a report is reproducible from its input. With few values it is
 * close to an interval between order statistics: for 3 values it is their range, which holds the true median with
 * probability 1 - 2 * 0.5^3 = 75% only; 5 values: 94%, 6 values: 97%.
 */
final class Bootstrap {

    private static final int RESAMPLES = 10_000;
    private static final long SEED = 42;

    private Bootstrap() {
    }

    /**
     * A median and its 95% bootstrap interval.
     *
     * @param median the median of the values
     * @param low    2.5th percentile of the resampled medians
     * @param high   97.5th percentile of the resampled medians
     * @param count  how many values (for a difference of two samples, the smaller sample's size)
     */
    record Interval(double median, double low, double high, int count) {

        /** An interval of nothing: NaN bounds, count 0. */
        static final Interval EMPTY = new Interval(Double.NaN, Double.NaN, Double.NaN, 0);

        /**
         * Returns whether the interval was computed from at least one value.
         *
         * @return false for {@link #EMPTY}
         */
        boolean measured() {
            return count > 0;
        }
    }

    /**
     * Returns the median of {@code values} and its interval.
     *
     * @param values the values, e.g. one ratio or difference per round
     * @return the interval, {@link Interval#EMPTY} for no values
     */
    static Interval ofMedian(double[] values) {
        if (values.length == 0) {
            return Interval.EMPTY;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] medians = new double[RESAMPLES];
        double[] sample = new double[values.length];
        for (int b = 0; b < RESAMPLES; b++) {
            resample(values, sample, random);
            medians[b] = median(sample);
        }
        return interval(median(values), medians, values.length);
    }

    /**
     * Returns {@code median(a) - median(b)} for two independent samples and its interval, each sample resampled on
     * its own.
     *
     * @param a the first sample, e.g. one install time per fork of one tool
     * @param b the second sample
     * @return the interval, {@link Interval#EMPTY} when either sample is empty
     */
    static Interval ofMedianDifference(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Interval.EMPTY;
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] differences = new double[RESAMPLES];
        double[] sampleA = new double[a.length];
        double[] sampleB = new double[b.length];
        for (int r = 0; r < RESAMPLES; r++) {
            resample(a, sampleA, random);
            resample(b, sampleB, random);
            differences[r] = median(sampleA) - median(sampleB);
        }
        return interval(median(a) - median(b), differences, Math.min(a.length, b.length));
    }

    private static void resample(double[] values, double[] sample, SplittableRandom random) {
        for (int i = 0; i < sample.length; i++) {
            sample[i] = values[random.nextInt(values.length)];
        }
    }

    private static Interval interval(double median, double[] resampled, int count) {
        Arrays.sort(resampled);
        return new Interval(median, resampled[(int) (0.025 * RESAMPLES)], resampled[(int) (0.975 * RESAMPLES) - 1],
                count);
    }

    /**
     * Returns the median.
     *
     * @param values the values, not modified
     * @return their median, NaN for none
     */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
