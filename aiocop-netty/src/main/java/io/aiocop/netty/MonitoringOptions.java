package io.aiocop.netty;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import io.aiocop.internal.Checks;

/**
 * How a monitored group monitors its executors: its name, and a threshold and trace depth of its own instead of
 * the global ones of {@link Aiocop#detectSlowTasks(long)} and {@link Aiocop#startBlockingIoDetection(int)}.
 *
 * <pre>{@code
 * EventLoopGroup workers = new MonitoredEventLoopGroup(0,
 *         MonitoringOptions.builder().name("http-worker").thresholdMs(50).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance may configure several groups. The monitor settings are a
 * {@link TaskMonitor.Builder}'s, checked by it: the same rules and messages as {@link TaskMonitor#builder(String)}.
 */
public final class MonitoringOptions {

    /** The name of the template builder; every executor's monitor is copied from it under its own name. */
    private static final String TEMPLATE = "template";

    private static final MonitoringOptions DEFAULTS = new Builder().build();

    private final String name;
    /** A private copy made by {@link Builder#build()}, never changed afterwards: only read, by any thread. */
    private final TaskMonitor.Builder monitor;

    private MonitoringOptions(Builder builder) {
        this.name = builder.name;
        this.monitor = builder.monitor.withName(TEMPLATE);
    }

    /**
     * Returns the options a group gets when none are given: a generated name, the global threshold and trace
     * depth, blocking not permitted.
     *
     * @return the default options
     */
    public static MonitoringOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts building options; each setter checks its argument at once.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the name, or null to let the group generate one. */
    String name() {
        return name;
    }

    /** Builds the monitor of one executor of a group. */
    TaskMonitor newMonitor(String groupName, String executorName) {
        return monitor.withName(executorName).groupName(groupName).build();
    }

    @Override
    public String toString() {
        return "MonitoringOptions[name=" + (name == null ? "(generated)" : name) + ", " + monitor + "]";
    }

    /**
     * Builds {@link MonitoringOptions}. Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private final TaskMonitor.Builder monitor = TaskMonitor.builder(TEMPLATE);

        private Builder() {
        }

        /**
         * Names the group. Its executors are named {@code name-1}, {@code name-2}, ... in
         * {@link io.aiocop.SlowTaskEvent#executorName()}, and threads made by the group's own thread factory carry
         * the same names.
         *
         * @param name the group's name, e.g. {@code "http-worker"}
         * @return this builder
         * @throws NullPointerException     when {@code name} is null
         * @throws IllegalArgumentException when {@code name} is blank
         */
        public Builder name(String name) {
            this.name = Checks.requireNonBlank(name, "name");
            return this;
        }

        /**
         * Sets how often each of the group's loops runs its lag probe, instead of the global
         * {@link Aiocop#setLagProbeIntervalMs(long)} (default 100 ms): a no-op task scheduled on the loop that
         * measures how late it runs ({@link io.aiocop.LoopHealth#lagNanos()}); it is neither counted as a task nor
         * reported. Loops of a group that can suspend them (Netty's auto-scaling) run no probe: a scheduled task
         * would keep a loop from being suspended.
         *
         * @param intervalMs the interval in milliseconds, or 0 for no probe
         * @return this builder
         * @throws IllegalArgumentException when {@code intervalMs} is negative or too large to be held in nanoseconds
         */
        public Builder lagProbeIntervalMs(long intervalMs) {
            monitor.lagProbeIntervalMs(intervalMs);
            return this;
        }

        /**
         * Gives the group its own slow-task threshold, in force whatever the global one is.
         *
         * @param thresholdMs the threshold in milliseconds
         * @return this builder
         * @throws IllegalArgumentException when {@code thresholdMs <= 0}
         */
        public Builder thresholdMs(long thresholdMs) {
            monitor.thresholdMs(thresholdMs);
            return this;
        }

        /**
         * Gives the group its own trace depth: how many stack frames each blocking event keeps.
         *
         * @param traceDepth the depth, 0 to {@value TaskMonitor#MAX_TRACE_DEPTH}
         * @return this builder
         * @throws IllegalArgumentException when {@code traceDepth} is out of range
         */
        public Builder traceDepth(int traceDepth) {
            monitor.traceDepth(traceDepth);
            return this;
        }

        /**
         * Declares blocking permitted on the group's executors, as on a {@link MonitoredEventExecutorGroup} that
         * exists to run blocking handlers: blocking calls are still recorded and reported, but raise-on-violations
         * never refuses them there.
         *
         * @param permitted whether blocking is permitted
         * @return this builder
         */
        public Builder blockingPermitted(boolean permitted) {
            monitor.blockingPermitted(permitted);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public MonitoringOptions build() {
            return new MonitoringOptions(this);
        }
    }
}
