package io.aiocop.netty;

import io.aiocop.Aiocop;
import io.aiocop.TaskMonitor;
import java.util.Objects;

/**
 * How a monitored group monitors its executors: its name, and a threshold and trace depth of its own instead of
 * the global ones of {@link Aiocop#detectSlowTasks(long)} and {@link Aiocop#startBlockingIoDetection(int)}.
 *
 * <pre>{@code
 * EventLoopGroup workers = new MonitoredEventLoopGroup(0,
 *         MonitoringOptions.builder().name("http-worker").thresholdMs(50).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance may configure several groups.
 */
public final class MonitoringOptions {

    private static final MonitoringOptions DEFAULTS = new Builder().build();

    private final String name;
    private final long thresholdMs;
    private final int traceDepth;
    private final boolean blockingPermitted;

    private MonitoringOptions(Builder builder) {
        this.name = builder.name;
        this.thresholdMs = builder.thresholdMs;
        this.traceDepth = builder.traceDepth;
        this.blockingPermitted = builder.blockingPermitted;
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
    TaskMonitor newMonitor(String executorName) {
        TaskMonitor.Builder monitor = TaskMonitor.builder(executorName).blockingPermitted(blockingPermitted);
        if (thresholdMs > 0) {
            monitor.thresholdMs(thresholdMs);
        }
        if (traceDepth >= 0) {
            monitor.traceDepth(traceDepth);
        }
        return monitor.build();
    }

    @Override
    public String toString() {
        return "MonitoringOptions[name=" + (name == null ? "(generated)" : name)
                + ", thresholdMs=" + (thresholdMs > 0 ? Long.toString(thresholdMs) : "(global)")
                + ", traceDepth=" + (traceDepth >= 0 ? Integer.toString(traceDepth) : "(global)")
                + ", blockingPermitted=" + blockingPermitted + "]";
    }

    /**
     * Builds {@link MonitoringOptions}. Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private long thresholdMs = -1;
        private int traceDepth = -1;
        private boolean blockingPermitted;

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
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("group name must not be blank, was '" + name + "'");
            }
            this.name = name;
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
            if (thresholdMs <= 0) {
                throw new IllegalArgumentException("thresholdMs must be > 0 ms, was " + thresholdMs);
            }
            this.thresholdMs = thresholdMs;
            return this;
        }

        /**
         * Gives the group its own trace depth: how many stack frames each blocking event keeps.
         *
         * @param traceDepth the depth, 0 to 1024
         * @return this builder
         * @throws IllegalArgumentException when {@code traceDepth} is out of range
         */
        public Builder traceDepth(int traceDepth) {
            if (traceDepth < 0 || traceDepth > 1024) {
                throw new IllegalArgumentException("traceDepth must be in [0, 1024], was " + traceDepth);
            }
            this.traceDepth = traceDepth;
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
            this.blockingPermitted = permitted;
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
