package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instrumented call arrives as data: its operation, what it touched, and how long it blocked the loop, measured
 * around the JDK method; and the minimum duration leaves out calls that returned faster.
 */
final class StructuredEventsAgentTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        AgentFixtures.installAgent();
    }

    @AfterEach
    void reset() {
        Aiocop.setMinBlockingCallDurationMicros(0);
        AiocopReset.reset();
    }

    @Test
    void anInstrumentedCallCarriesItsOperationDetailAndTheTimeItBlocked() throws Exception {
        try (AgentTestLoop loop = new AgentTestLoop("structured")) {
            AgentTestLoop.Outcome slept = loop.runTask(() -> TimeUnit.MILLISECONDS.sleep(40));
            assertThat(slept.events()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("sleep");
                assertThat(e.detail()).isEqualTo("40 ms");
                assertThat(e.event()).isEqualTo("sleep(40 ms)");
                assertThat(e.weight()).isEqualTo(Severity.WEIGHT_HEAVY);
                assertThat(e.durationNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.SECONDS.toNanos(30));
                assertThat(e.permitted()).isFalse();
                assertThat(e.source()).isEqualTo(BlockingEventInfo.Source.INSTRUMENTED);
                assertThat(e.entryPoint()).startsWith(StructuredEventsAgentTest.class.getName());
            });

            File file = Files.writeString(dir.resolve("x.txt"), "x").toFile();
            AgentTestLoop.Outcome stat = loop.runTask(file::exists);
            assertThat(stat.events()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("stat");
                assertThat(e.detail()).isEqualTo(file.getPath());
                assertThat(e.durationNanos()).isBetween(0L, TimeUnit.SECONDS.toNanos(30));
            });
        }
    }

    @Test
    void callsFasterThanTheMinimumDurationAreNotRecordedAndSlowerOnesAre() throws Exception {
        File file = Files.writeString(dir.resolve("y.txt"), "y").toFile();
        Aiocop.setMinBlockingCallDurationMicros(20_000);
        assertThat(Aiocop.getMinBlockingCallDurationMicros()).isEqualTo(20_000);
        try (AgentTestLoop loop = new AgentTestLoop("minimum")) {
            AgentTestLoop.Outcome both = loop.runTask(() -> {
                file.exists();
                TimeUnit.MILLISECONDS.sleep(30);
            });
            assertThat(both.events()).extracting(BlockingEventInfo::operation).containsExactly("sleep");
            assertThat(both.events().get(0).durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));

            Aiocop.setMinBlockingCallDurationMicros(0);
            assertThat(loop.runTask(file::exists).events()).extracting(BlockingEventInfo::operation)
                    .containsExactly("stat");
        }
    }

    @Test
    void aRefusedCallIsAlwaysRecordedWithAnUnknownDuration() throws Exception {
        Aiocop.setMinBlockingCallDurationMicros(10_000_000);
        Aiocop.enableRaiseOnViolations();
        try (AgentTestLoop loop = new AgentTestLoop("refused")) {
            AgentTestLoop.Outcome refused = loop.runTask(() -> TimeUnit.MILLISECONDS.sleep(5_000));
            assertThat(refused.thrown()).isInstanceOf(HighSeverityBlockingIoException.class);
            assertThat(refused.events()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("sleep");
                assertThat(e.durationNanos()).isEqualTo(BlockingEventInfo.UNKNOWN_DURATION);
            });
        }
    }
}
