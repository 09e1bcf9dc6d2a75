package io.aiocop.micrometer;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.LoopListener;
import io.aiocop.MonitoredLoop;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import io.aiocop.StallCallback;
import io.aiocop.StallEvent;
import io.aiocop.internal.Checks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes aiocop as Micrometer meters (see {@link AiocopMeter}): the health of every monitored loop (tasks run,
 * task-duration percentiles, I/O time, utilisation, pending tasks, lag, stalls), tagged {@code group} and
 * {@code loop}; and its reports: counts of reported tasks by reason and severity, their durations, blocking calls
 * by operation, tagged {@code group} and {@code executor}; callback failures and whether monitoring is on.
 *
 * <pre>{@code
 * AiocopMetrics metrics = new AiocopMetrics(Tags.of("app", "checkout"));
 * metrics.bindTo(registry);
 * // ...
 * metrics.close();   // stops counting
 * }</pre>
 *
 * <p>Nothing here runs per task: the loops record their health with plain arithmetic, and the per-loop meters read
 * it when the registry is scraped; a loop's meters appear with the loop and are removed when it goes away (its
 * group shut down). Percentiles, maxima and utilisation cover the time since the previous read; reads less than
 * 100 ms apart (the meters of one scrape) share one snapshot. The report meters are updated by a
 * {@link SlowTaskCallback} on the event-loop thread right after a reported task. Loop names should be unique within
 * a registry (two groups given the same name would share meters). Thread-safe; bind to one registry.
 */
public final class AiocopMetrics implements MeterBinder, AutoCloseable {

    private final Tags tags;
    private volatile Binding binding;

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
     * Registers the meters in {@code registry}, one set per monitored loop now and as loops come and go, and starts
     * counting reports.
     *
     * @param registry the registry
     * @throws NullPointerException  when {@code registry} is null
     * @throws IllegalStateException when this binder is already bound
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Checks.requireNonNull(registry, "registry");
        if (binding != null) {
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
        Binding bound = new Binding(registry);
        Aiocop.registerSlowTaskCallback(bound.reports);
        Aiocop.registerStallCallback(bound.stalls);
        Aiocop.addLoopListener(bound.loops);
        binding = bound;
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

    /**
     * Stops counting reports and removes the per-loop meters (they read live loops); the report meters stay in the
     * registry with their last values.
     */
    @Override
    public synchronized void close() {
        Binding bound = binding;
        if (bound != null) {
            Aiocop.unregisterSlowTaskCallback(bound.reports);
            Aiocop.unregisterStallCallback(bound.stalls);
            Aiocop.removeLoopListener(bound.loops);
            bound.loopMeters.values().forEach(LoopMeters::remove);
            bound.loopMeters.clear();
            binding = null;
        }
    }

    /** What one {@link #bindTo(MeterRegistry)} registered with aiocop, and the loops' meters. */
    private final class Binding {
        final MeterRegistry registry;
        final Map<MonitoredLoop, LoopMeters> loopMeters = new ConcurrentHashMap<>();
        /** The loops' meters by loop name, for stall reports, which carry the name. */
        final Map<String, LoopMeters> byName = new ConcurrentHashMap<>();
        /** Executors whose stall is being reported; touched on aiocop's stall-report thread only. */
        final Set<String> stalled = ConcurrentHashMap.newKeySet();
        final SlowTaskCallback reports = this::record;
        final StallCallback stalls = this::stall;
        final LoopListener loops = new LoopListener() {
            @Override
            public void loopAdded(MonitoredLoop loop) {
                LoopMeters meters = new LoopMeters(registry, tags, loop);
                loopMeters.put(loop, meters);
                byName.put(loop.name(), meters);
            }

            @Override
            public void loopRemoved(MonitoredLoop loop) {
                LoopMeters meters = loopMeters.remove(loop);
                if (meters != null) {
                    byName.remove(loop.name(), meters);
                    meters.remove();
                }
            }
        };

        Binding(MeterRegistry registry) {
            this.registry = registry;
        }

        private void record(SlowTaskEvent event) {
            Tags executor = tags.and(AiocopMeter.TAG_GROUP, event.groupName())
                    .and(AiocopMeter.TAG_EXECUTOR, event.executorName());
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
                blockingCalls(executor, call.operation()).increment();
            }
            if (event.droppedEvents() > 0) {
                blockingCalls(executor, "dropped").increment(event.droppedEvents());
            }
        }

        private Counter blockingCalls(Tags executor, String operation) {
            return Counter.builder(AiocopMeter.BLOCKING_CALLS.meterName())
                    .description(AiocopMeter.BLOCKING_CALLS.description())
                    .baseUnit(AiocopMeter.BLOCKING_CALLS.baseUnit())
                    .tags(executor)
                    .tag(AiocopMeter.TAG_OPERATION, operation)
                    .register(registry);
        }

        /** Counts a stall once, at its first report; its repeats and its final report count nothing. */
        private void stall(StallEvent event) {
            String loop = event.executorName();
            if (event.ended()) {
                stalled.remove(loop);
                return;
            }
            if (!stalled.add(loop)) {
                return;
            }
            LoopMeters meters = byName.get(loop);
            if (meters != null) {
                meters.stalls.increment();
            } else {
                // An executor that publishes no health (a bare TaskMonitor): its group is its own name.
                LoopMeters.stalls(registry, tags.and(AiocopMeter.TAG_GROUP, loop).and(AiocopMeter.TAG_LOOP, loop))
                        .increment();
            }
        }
    }
}
