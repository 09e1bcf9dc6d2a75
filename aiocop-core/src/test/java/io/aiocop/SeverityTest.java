package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class SeverityTest {

    @ParameterizedTest
    @CsvSource({"-1,LOW", "0,LOW", "9,LOW", "10,MEDIUM", "49,MEDIUM", "50,HIGH", "2147483647,HIGH"})
    void levelBoundariesFollowAiocop(int score, SeverityLevel expected) {
        assertThat(Aiocop.getSeverityLevelFromScore(score)).isEqualTo(expected);
        assertThat(SeverityLevel.fromScore(score)).isEqualTo(expected);
    }

    @Test
    void weightsHaveAiocopValues() {
        assertThat(Severity.WEIGHT_HEAVY).isEqualTo(50);
        assertThat(Severity.WEIGHT_MODERATE).isEqualTo(10);
        assertThat(Severity.WEIGHT_LIGHT).isEqualTo(1);
        assertThat(Severity.WEIGHT_TRIVIAL).isEqualTo(0);
    }

    @Test
    void lowerCaseLabelsStayAvailableForLogsAndMetrics() {
        assertThat(SeverityLevel.LOW.label()).isEqualTo("low");
        assertThat(SeverityLevel.MEDIUM.label()).isEqualTo("medium");
        assertThat(SeverityLevel.HIGH.label()).isEqualTo("high");
        assertThat(SlowTaskEvent.Reason.IO_BLOCKING.label()).isEqualTo("io_blocking");
        assertThat(SlowTaskEvent.Reason.CPU_BLOCKING.label()).isEqualTo("cpu_blocking");
    }

    @Test
    void scoreIsTheSumOfWeights() {
        List<BlockingEventInfo> events = List.of(event(50), event(10), event(1), event(0));
        assertThat(Aiocop.calculateIoSeverityScore(events)).isEqualTo(61);
        assertThat(Aiocop.calculateIoSeverityScore(List.of())).isZero();
    }

    @Test
    void scoreSaturatesInsteadOfOverflowing() {
        List<BlockingEventInfo> events = new ArrayList<>();
        events.add(event(Integer.MAX_VALUE));
        events.add(event(Integer.MAX_VALUE));
        assertThat(Aiocop.calculateIoSeverityScore(events)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void scoreRejectsNullListAndNullElement() {
        assertThatNullPointerException().isThrownBy(() -> Aiocop.calculateIoSeverityScore(null))
                .withMessageContaining("events");
        List<BlockingEventInfo> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatNullPointerException().isThrownBy(() -> Aiocop.calculateIoSeverityScore(withNull))
                .withMessageContaining("events");
    }

    static BlockingEventInfo event(int weight) {
        return new BlockingEventInfo("x()", List.of(), "here", weight);
    }
}
