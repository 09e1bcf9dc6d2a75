package io.aiocop.bench.report;

import java.util.function.Function;

/**
 * A goal the design must reach, and how to check it against the results.
 *
 * @param goal  the goal as the issue states it
 * @param check decides the verdict from the results
 */
public record Target(String goal, Function<JmhResults, Verdict> check) {

    /**
     * Checks the target.
     *
     * @param results the measured results
     * @return the verdict
     */
    public Verdict verdict(JmhResults results) {
        return check.apply(results);
    }
}
