package io.aiocop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class AgentOptionsTest {

    @AfterEach
    void restoreDefaults() {
        System.clearProperty("aiocop.thresholdMs");
        Aiocop.detectSlowTasks(30);
        Aiocop.setMaxEventsPerTask(50);
        Aiocop.stopBlockingIoDetection();
    }

    @Test
    void agentArgumentsAreNameValuePairsSeparatedByCommas() {
        assertThat(AgentOptions.parse("thresholdMs=50, traceDepth = 20,,broken")).containsExactly(
                Map.entry("thresholdMs", "50"), Map.entry("traceDepth", "20"));
        assertThat(AgentOptions.parse(null)).isEmpty();
    }

    @Test
    void optionsApplyThroughTheFacadeAndDetectionIsOnByDefault() {
        AgentOptions.apply("thresholdMs=45,maxEventsPerTask=7");

        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(45);
        assertThat(Aiocop.getMaxEventsPerTask()).isEqualTo(7);
        assertThat(Aiocop.isBlockingIoDetectionStarted()).isTrue();
    }

    @Test
    void badValuesAndUnknownNamesStopNothingAndLeaveTheDefaults() {
        AgentOptions.apply("thresholdMs=abc,maxEventsPerTask=0,noSuchOption=1,metrics=everywhere,raise=maybe");

        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(30);
        assertThat(Aiocop.getMaxEventsPerTask()).isEqualTo(50);
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isFalse();
        assertThat(Aiocop.isBlockingIoDetectionStarted()).isTrue();
    }

    @Test
    void aSystemPropertyWinsOverTheAgentArgument() {
        System.setProperty("aiocop.thresholdMs", "70");

        AgentOptions.apply("thresholdMs=45");

        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(70);
    }

    @Test
    void metricsGlobalWithoutMicrometerIsLoggedAndStopsNothing() {
        AgentOptions.apply("metrics=global,thresholdMs=40");

        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(40);
    }
}
