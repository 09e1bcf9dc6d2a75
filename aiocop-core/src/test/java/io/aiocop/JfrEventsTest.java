package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JfrEventsTest {

    private final ManualTicker ticker = new ManualTicker();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        loop = new TestLoop(TaskMonitor.builder("jfr-loop").ticker(ticker));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void reportedTasksAndTheirCallsAreRecordedByFlightRecorderWithoutAnyCallback(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("aiocop.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.aiocop.SlowTask");
            recording.enable("io.aiocop.BlockingCall");
            recording.start();
            loop.run(() -> {
                Aiocop.audit("open", "/etc/hosts");
                ticker.advanceMillis(35);
            });
            loop.run(() -> ticker.advanceMillis(1));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("io.aiocop.SlowTask"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("executor")).isEqualTo("jfr-loop");
                    assertThat(e.getString("reason")).isEqualTo("io_blocking");
                    assertThat(e.getLong("elapsed")).isEqualTo(35_000_000L);
                    assertThat(e.getBoolean("exceededThreshold")).isTrue();
                    assertThat(e.getInt("severityScore")).isEqualTo(10);
                    assertThat(e.getString("severityLevel")).isEqualTo("medium");
                    assertThat(e.getString("firstBlockingCall")).isEqualTo("open(/etc/hosts)");
                    assertThat(e.getLong("gcPause")).isGreaterThanOrEqualTo(-1);
                    assertThat(e.getLong("cpuTime")).isGreaterThanOrEqualTo(-1);
                    assertThat(e.hasField("topCpuSample")).isTrue();
                });
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("io.aiocop.BlockingCall"))
                .singleElement().satisfies(e -> {
                    assertThat(e.getString("operation")).isEqualTo("open");
                    assertThat(e.getString("detail")).isEqualTo("/etc/hosts");
                    assertThat(e.getInt("weight")).isEqualTo(10);
                    assertThat(e.getLong("callDuration")).isEqualTo(BlockingEventInfo.UNKNOWN_DURATION);
                    assertThat(e.getBoolean("permitted")).isFalse();
                    assertThat(e.getString("source")).isEqualTo("AUDIT");
                    assertThat(e.getString("entryPoint")).startsWith(JfrEventsTest.class.getName());
                });
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void nothingIsRecordedWhenTheEventsAreDisabled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("none.jfr");
        try (Recording recording = new Recording()) {
            recording.disable("io.aiocop.SlowTask");
            recording.disable("io.aiocop.BlockingCall");
            recording.start();
            loop.run(() -> Aiocop.audit("open", "/etc/hosts"));
            recording.stop();
            recording.dump(file);
        }
        assertThat(RecordingFile.readAllEvents(file))
                .noneMatch(e -> e.getEventType().getName().startsWith("io.aiocop."));
    }
}
