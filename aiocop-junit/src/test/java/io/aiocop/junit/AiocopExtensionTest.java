package io.aiocop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.aiocop.junit.fixtures.AnyBlockingFails;
import io.aiocop.junit.fixtures.MediumOrWorseFails;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

final class AiocopExtensionTest {

    private static Events run(Class<?> fixture, String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(method == null ? selectClass(fixture) : selectMethod(fixture, method))
                .execute()
                .testEvents();
    }

    private static String failureMessage(Events events) {
        Event failed = events.failed().list().get(0);
        return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage();
    }

    @Test
    void testWhoseMonitoredTaskBlockedFailsWithTheCallAndItsLine() {
        Events events = run(AnyBlockingFails.class, "blocks");
        assertThat(events.failed().count()).isEqualTo(1);
        assertThat(failureMessage(events))
                .contains("1 task on monitored executors blocked")
                .contains("[fixture-loop] io_blocking")
                .contains("stat(/etc/hosts) weight 1 at io.aiocop.junit.fixtures.AnyBlockingFails");
    }

    @Test
    void cleanTestsAndBlockingOutsideMonitoredExecutorsPass() {
        assertThat(run(AnyBlockingFails.class, "staysClean").succeeded().count()).isEqualTo(1);
        assertThat(run(AnyBlockingFails.class, "blocksOutsideMonitoredExecutors").succeeded().count()).isEqualTo(1);
    }

    @Test
    void levelAndSlowTaskSettingsDecideWhatFails() {
        Events events = run(MediumOrWorseFails.class, null);
        assertThat(events.succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("lightCallPasses()", "methodAnnotationOverridesTheClass()",
                        "slowTaskPassesByDefault()");
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("moderateCallFails()", "slowTaskFailsWhenAsked()");
    }
}
