package io.aiocop.bench.report;

/**
 * Whether a target was met, with the numbers that decided it.
 *
 * @param status the outcome
 * @param detail the measured numbers, in words
 */
public record Verdict(Status status, String detail) {

    /** The outcome of checking a target. */
    public enum Status {
        /** The measurement meets the target. */
        MET("met"),
        /** The measurement misses the target. */
        NOT_MET("NOT MET"),
        /** The measurement's error is larger than the margin that decides: this run cannot tell. */
        NOT_RESOLVED("not resolved"),
        /** The results lack a measurement the target needs. */
        NOT_MEASURED("not measured");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /**
         * Returns how the report prints this outcome.
         *
         * @return e.g. {@code NOT MET}
         */
        public String text() {
            return text;
        }
    }

    static Verdict of(boolean met, String detail) {
        return new Verdict(met ? Status.MET : Status.NOT_MET, detail);
    }

    /**
     * Decides "value at most limit" for a value known within {@code ± error}: met when even the worst case
     * meets it, not met when even the best case misses it, not resolved in between.
     */
    static Verdict atMost(double value, double error, double limit, String detail) {
        return intervalAtMost(value - error, value + error, limit, detail);
    }

    /**
     * Decides "value at most limit" for a value known to lie in {@code [low, high]} (e.g. a confidence interval):
     * met when {@code high <= limit}, not met when {@code low > limit}, not resolved in between.
     */
    static Verdict intervalAtMost(double low, double high, double limit, String detail) {
        Status status = high <= limit ? Status.MET
                : low > limit ? Status.NOT_MET
                : Status.NOT_RESOLVED;
        return new Verdict(status, detail);
    }

    /**
     * Decides "value at least limit" for a value known to lie in {@code [low, high]}: met when {@code low >= limit},
     * not met when {@code high < limit}, not resolved in between.
     */
    static Verdict intervalAtLeast(double low, double high, double limit, String detail) {
        return intervalAtMost(-high, -low, -limit, detail);
    }

    static Verdict notMeasured(String what) {
        return new Verdict(Status.NOT_MEASURED, "no result for " + what);
    }
}
