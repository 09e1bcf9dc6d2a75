package io.aiocop.micrometer;

import io.aiocop.LoopHealth;
import io.aiocop.MonitoredLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one monitored loop, registered when the loop appears and removed when it goes away. They read one
 * {@link LoopHealth} chain: the first meter read after {@link #REFRESH_NANOS} takes the next snapshot, so the
 * meters of one scrape share it and its interval is the time since the previous scrape.
 */
final class LoopMeters {

    /** Reads closer together than this share one snapshot. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final MonitoredLoop loop;
    private final List<Meter> meters = new ArrayList<>();
    final Counter stalls;

    /** The latest snapshot and when it was taken; guarded by this. */
    private LoopHealth health;
    private long readAtNanos;

    LoopMeters(MeterRegistry registry, Tags common, MonitoredLoop loop) {
        this.registry = registry;
        this.loop = loop;
        Tags tags = common.and(AiocopMeter.TAG_GROUP, loop.groupName()).and(AiocopMeter.TAG_LOOP, loop.name());
        counter(AiocopMeter.LOOP_TASKS, tags, h -> h.tasks());
        counter(AiocopMeter.LOOP_TASK_TIME, tags, h -> h.taskTimeNanos() / NANOS_PER_SECOND);
        for (double quantile : QUANTILES) {
            gauge(AiocopMeter.LOOP_TASK_DURATION, tags.and(AiocopMeter.TAG_QUANTILE, Double.toString(quantile)),
                    h -> h.taskDurationNanos(quantile) / NANOS_PER_SECOND);
        }
        gauge(AiocopMeter.LOOP_TASK_DURATION_MAX, tags, h -> h.maxTaskDurationNanos() / NANOS_PER_SECOND);
        counter(AiocopMeter.LOOP_IO_TIME, tags, h -> h.ioTimeNanos() / NANOS_PER_SECOND);
        counter(AiocopMeter.LOOP_ITERATIONS, tags, h -> h.iterations());
        gauge(AiocopMeter.LOOP_UTILIZATION, tags, LoopHealth::utilization);
        gauge(AiocopMeter.LOOP_TASKS_PENDING, tags, h -> h.pendingTasks());
        gauge(AiocopMeter.LOOP_LAG, tags, h -> seconds(h.lagNanos()));
        gauge(AiocopMeter.LOOP_LAG_MAX, tags, h -> seconds(h.maxLagNanos()));
        stalls = stalls(registry, tags);
        meters.add(stalls);
    }

    /** Returns the stall counter of the loop with these tags. */
    static Counter stalls(MeterRegistry registry, Tags tags) {
        return Counter.builder(AiocopMeter.STALLS.meterName())
                .description(AiocopMeter.STALLS.description())
                .baseUnit(AiocopMeter.STALLS.baseUnit())
                .tags(tags)
                .register(registry);
    }

    private static double seconds(long lagNanos) {
        return lagNanos == LoopHealth.NO_LAG ? Double.NaN : lagNanos / NANOS_PER_SECOND;
    }

    private void counter(AiocopMeter meter, Tags tags, ToDoubleFunction<LoopHealth> value) {
        meters.add(FunctionCounter.builder(meter.meterName(), this, m -> value.applyAsDouble(m.health()))
                .description(meter.description())
                .baseUnit(meter.baseUnit())
                .tags(tags)
                .register(registry));
    }

    private void gauge(AiocopMeter meter, Tags tags, ToDoubleFunction<LoopHealth> value) {
        meters.add(Gauge.builder(meter.meterName(), this, m -> value.applyAsDouble(m.health()))
                .description(meter.description())
                .baseUnit(meter.baseUnit())
                .tags(tags)
                .register(registry));
    }

    /** Returns the current snapshot, taking the next one if the current one is older than {@link #REFRESH_NANOS}. */
    synchronized LoopHealth health() {
        long now = System.nanoTime();
        if (health == null) {
            health = loop.health();
            readAtNanos = now;
        } else if (now - readAtNanos >= REFRESH_NANOS) {
            health = health.next();
            readAtNanos = now;
        }
        return health;
    }

    /** Removes the loop's meters from the registry. */
    void remove() {
        meters.forEach(registry::remove);
    }
}
