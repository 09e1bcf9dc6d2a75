package io.aiocop;

import java.util.Locale;

/**
 * The level of a severity score: {@link #HIGH} from {@value Severity#WEIGHT_HEAVY}, {@link #MEDIUM} from
 * {@value Severity#WEIGHT_MODERATE}, {@link #LOW} below that.
 */
public enum SeverityLevel {
    /** Score below {@value Severity#WEIGHT_MODERATE}: informational, minor impact. */
    LOW,
    /** Score from {@value Severity#WEIGHT_MODERATE}: may cause issues under load. */
    MEDIUM,
    /** Score from {@value Severity#WEIGHT_HEAVY}: likely to cause noticeable latency. */
    HIGH;

    private final String label = name().toLowerCase(Locale.ROOT);

    /**
     * Returns the level of an aggregate severity score.
     *
     * @param score the sum of event weights; any value, a negative one is {@link #LOW}
     * @return {@link #HIGH} for {@code score >= 50}, {@link #MEDIUM} for {@code score >= 10}, else {@link #LOW}
     */
    public static SeverityLevel fromScore(int score) {
        if (score >= Severity.WEIGHT_HEAVY) {
            return HIGH;
        }
        return score >= Severity.WEIGHT_MODERATE ? MEDIUM : LOW;
    }

    /**
     * Returns aiocop's lower-case name of this level ({@code "low"}, {@code "medium"}, {@code "high"}), the form
     * used in logs and metric tags.
     *
     * @return the lower-case label
     */
    public String label() {
        return label;
    }
}
