package io.aiocop.bench.report;

import java.util.Locale;

/**
 * Converts JMH scores to nanoseconds and prints numbers the way the report shows them.
 */
final class Units {

    private Units() {
    }

    /**
     * Returns a time-per-operation score in nanoseconds.
     *
     * @param value a score
     * @param unit  its JMH unit, e.g. {@code us/op}
     * @return the score in ns per operation
     * @throws IllegalArgumentException when the unit is not a time per operation
     */
    static double toNanos(double value, String unit) {
        return switch (unit) {
            case "ns/op" -> value;
            case "us/op" -> value * 1e3;
            case "ms/op" -> value * 1e6;
            case "s/op" -> value * 1e9;
            default -> throw new IllegalArgumentException("not a time per operation: " + unit);
        };
    }

    /**
     * Prints a duration with a unit that keeps 3 significant digits readable.
     *
     * @param nanos a duration in ns
     * @return e.g. {@code 23.4 ns}, {@code 1.85 µs}, {@code 612 ms}
     */
    static String duration(double nanos) {
        double abs = Math.abs(nanos);
        if (abs >= 1e7) {
            return number(nanos / 1e6) + " ms";
        }
        if (abs >= 1e4) {
            return number(nanos / 1e3) + " µs";
        }
        return number(nanos) + " ns";
    }

    /**
     * Prints a number with 3 significant digits (at least the integer part).
     *
     * @param value the number
     * @return e.g. {@code 0.482}, {@code 23.4}, {@code 1680}, {@code NaN}
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "NaN";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /**
     * Prints a number with a sign.
     *
     * @param value the number
     * @return e.g. {@code +2.31}, {@code -0.120}
     */
    static String signed(double value) {
        return (value >= 0 ? "+" : "") + number(value);
    }
}
