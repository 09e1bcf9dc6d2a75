package io.aiocop.micrometer;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import io.aiocop.internal.Checks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;

/**
 * Publishes aiocop's reports as Micrometer meters (see {@link AiocopMeter}): counts of reported tasks by reason
 * and severity, their durations, blocking calls by operation, callback failures and whether monitoring is on.
 *
 * <pre>{@code
 * AiocopMetrics metrics = new AiocopMetrics(Tags.of("app", "checkout"));
 * metrics.bindTo(registry);
 * // ...
 * metrics.close();   // stops counting
 * }</pre>
 *
 * <p>Binding registers a {@link SlowTaskCallback}, so meters are updated on the event-loop thread right after a
 * reported task; tasks that are not reported cost nothing. Tag values are fixed per executor and operation.
 * Thread-safe; bind to one registry.
 */
public final class AiocopMetrics implements MeterBinder, AutoCloseable {

    private final Tags tags;
    private volatile SlowTaskCallback callback;

    /**
     * Creates a binder with no extra tags.
     */
    public AiocopMetrics() {
        this(Tags.empty());
    }

    /**
     * Creates a binder that adds {@code tags} to every meter.
     *
     * @param tags common tags
     * @throws NullPointerException when {@code tags} is null
     */
    public AiocopMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(requireElements(tags));
    }

    /**
     * Registers the meters in {@code registry} and starts counting reports.
     *
     * @param registry the registry
     * @throws NullPointerException  when {@code registry} is null
     * @throws IllegalStateException when this binder is already bound
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Checks.requireNonNull(registry, "registry");
        if (callback != null) {
            throw new IllegalStateException("AiocopMetrics is already bound to a registry; create one per registry");
        }
        FunctionCounter.builder(AiocopMeter.CALLBACK_FAILURES.meterName(), this,
                        m -> Aiocop.getCallbackFailureCount())
                .description(AiocopMeter.CALLBACK_FAILURES.description())
                .baseUnit(AiocopMeter.CALLBACK_FAILURES.baseUnit())
                .tags(tags)
                .register(registry);
        Gauge.builder(AiocopMeter.MONITORING_ACTIVE.meterName(), () -> Aiocop.isMonitoringActive() ? 1 : 0)
                .description(AiocopMeter.MONITORING_ACTIVE.description())
                .tags(tags)
                .register(registry);
        SlowTaskCallback counting = event -> record(registry, event);
        Aiocop.registerSlowTaskCallback(counting);
        callback = counting;
    }

    private static Iterable<Tag> requireElements(Iterable<Tag> tags) {
        int i = 0;
        for (Tag tag : Checks.requireNonNull(tags, "tags")) {
            if (tag == null) {
                throw new NullPointerException("tags must not contain null, was null at index " + i);
            }
            i++;
        }
        return tags;
    }

    private void record(MeterRegistry registry, SlowTaskEvent event) {
        Tags executor = tags.and(AiocopMeter.TAG_EXECUTOR, event.executorName());
        String reason = event.reason().label();
        Counter.builder(AiocopMeter.TASKS_REPORTED.meterName())
                .description(AiocopMeter.TASKS_REPORTED.description())
                .baseUnit(AiocopMeter.TASKS_REPORTED.baseUnit())
                .tags(executor)
                .tag(AiocopMeter.TAG_REASON, reason)
                .tag(AiocopMeter.TAG_SEVERITY, event.severityLevel().label())
                .tag(AiocopMeter.TAG_EXCEEDED, Boolean.toString(event.exceededThreshold()))
                .register(registry)
                .increment();
        Timer.builder(AiocopMeter.TASK_DURATION.meterName())
                .description(AiocopMeter.TASK_DURATION.description())
                .tags(executor)
                .tag(AiocopMeter.TAG_REASON, reason)
                .register(registry)
                .record((long) (event.elapsedMs() * 1_000_000), TimeUnit.NANOSECONDS);
        for (BlockingEventInfo call : event.blockingEvents()) {
            blockingCalls(registry, executor, call.operation()).increment();
        }
        if (event.droppedEvents() > 0) {
            blockingCalls(registry, executor, "dropped").increment(event.droppedEvents());
        }
    }

    private static Counter blockingCalls(MeterRegistry registry, Tags executor, String operation) {
        return Counter.builder(AiocopMeter.BLOCKING_CALLS.meterName())
                .description(AiocopMeter.BLOCKING_CALLS.description())
                .baseUnit(AiocopMeter.BLOCKING_CALLS.baseUnit())
                .tags(executor)
                .tag(AiocopMeter.TAG_OPERATION, operation)
                .register(registry);
    }

    /**
     * Stops counting reports; the meters stay in the registry with their last values.
     */
    @Override
    public synchronized void close() {
        SlowTaskCallback counting = callback;
        if (counting != null) {
            Aiocop.unregisterSlowTaskCallback(counting);
            callback = null;
        }
    }
}
