package io.aiocop.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AiocopMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final TaskMonitor monitor = TaskMonitor.builder("metrics-loop").ticker(now::get).build();
    private final AiocopMetrics metrics = new AiocopMetrics(Tags.of("app", "test"));

    @BeforeEach
    void setUp() {
        Aiocop.clearSlowTaskCallbacks();
        Aiocop.startBlockingIoDetection();
        Aiocop.detectSlowTasks(30);
        monitor.bindToCurrentThread();
        metrics.bindTo(registry);
    }

    @AfterEach
    void tearDown() {
        metrics.close();
        monitor.unbindFromCurrentThread();
        Aiocop.setMaxEventsPerTask(50);
        Aiocop.activate();
    }

    private void task(long millis, Runnable body) {
        monitor.beginTask();
        body.run();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        monitor.endTask();
    }

    @Test
    void reportedTasksAreCountedByReasonSeverityAndThreshold() {
        task(2, () -> Aiocop.audit("open", "/x"));
        task(2, () -> Aiocop.audit("open", "/y"));
        task(40, () -> { });
        task(1, () -> { });

        assertThat(registry.get("aiocop.tasks.reported")
                .tags("app", "test", "executor", "metrics-loop", "reason", "io_blocking", "severity", "medium",
                        "exceeded", "false")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("aiocop.tasks.reported")
                .tags("reason", "cpu_blocking", "severity", "low", "exceeded", "true")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("aiocop.task.duration").tags("reason", "cpu_blocking").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
    }

    @Test
    void blockingCallsAreCountedByOperationAndDroppedOnesSeparately() {
        Aiocop.setMaxEventsPerTask(2);
        task(1, () -> {
            Aiocop.audit("open", "/a");
            Aiocop.audit("getaddrinfo", "example.org");
            Aiocop.audit("open", "/b");
            Aiocop.audit("open", "/c");
        });
        assertThat(registry.get("aiocop.blocking.calls").tags("operation", "open").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("aiocop.blocking.calls").tags("operation", "getaddrinfo").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("aiocop.blocking.calls").tags("operation", "dropped").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void monitoringSwitchAndCallbackFailuresArePublished() {
        assertThat(registry.get("aiocop.monitoring.active").gauge().value()).isEqualTo(1.0);
        Aiocop.deactivate();
        assertThat(registry.get("aiocop.monitoring.active").gauge().value()).isZero();
        Aiocop.activate();

        double before = registry.get("aiocop.callback.failures").functionCounter().count();
        Aiocop.registerSlowTaskCallback(e -> {
            throw new IllegalStateException("boom");
        });
        try {
            task(1, () -> Aiocop.audit("open", "/x"));
        } finally {
            Aiocop.clearSlowTaskCallbacks();
        }
        assertThat(registry.get("aiocop.callback.failures").functionCounter().count() - before).isEqualTo(1.0);
    }

    @Test
    void closeStopsCountingAndBindingTwiceIsRejected() {
        assertThatIllegalStateException().isThrownBy(() -> metrics.bindTo(new SimpleMeterRegistry()))
                .withMessageContaining("already bound");
        task(1, () -> Aiocop.audit("open", "/x"));
        metrics.close();
        task(1, () -> Aiocop.audit("open", "/y"));
        assertThat(registry.get("aiocop.blocking.calls").tags("operation", "open").counter().count()).isEqualTo(1.0);
    }

    @Test
    void operationTagIsTheEventsOperationFieldEvenWhenItsNameHasParentheses() {
        Aiocop.registerBlockingEvent("legacy(v1).query", 10);
        task(1, () -> Aiocop.audit("legacy(v1).query", "select (1)"));
        assertThat(registry.get("aiocop.blocking.calls").tags("operation", "legacy(v1).query").counter().count())
                .isEqualTo(1.0);
    }
}
