package io.aiocop.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BootstrapTest {

    @Test
    void theIntervalOfThreeValuesIsTheirRange() {
        Bootstrap.Interval interval = Bootstrap.ofMedian(new double[] {3, 1, 2});

        assertThat(interval).isEqualTo(new Bootstrap.Interval(2, 1, 3, 3));
    }

    @Test
    void theIntervalNarrowsAroundTheMedianWithMoreValues() {
        double[] values = new double[41];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }

        Bootstrap.Interval interval = Bootstrap.ofMedian(values);

        assertThat(interval.median()).isEqualTo(20);
        assertThat(interval.low()).isBetween(10.0, 19.0);
        assertThat(interval.high()).isBetween(21.0, 30.0);
    }

    @Test
    void aDifferenceOfMediansResamplesEachSampleOnItsOwn() {
        Bootstrap.Interval interval = Bootstrap.ofMedianDifference(new double[] {10, 11, 12}, new double[] {1, 2});

        assertThat(interval.median()).isEqualTo(11 - 1.5);
        assertThat(interval.low()).isEqualTo(10 - 2);
        assertThat(interval.high()).isEqualTo(12 - 1);
        assertThat(interval.count()).isEqualTo(2);
    }

    @Test
    void noValuesGiveTheEmptyInterval() {
        assertThat(Bootstrap.ofMedian(new double[0]).measured()).isFalse();
        assertThat(Bootstrap.ofMedianDifference(new double[] {1}, new double[0]).measured()).isFalse();
        assertThat(Bootstrap.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
