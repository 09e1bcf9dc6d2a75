package io.aiocop.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a benchmark variant runs with; the {@link #label()}s are the values of each family's {@code variant}
 * {@code @Param} (see {@link AbstractBenchmark} for the naming scheme).
 */
public enum Variant {

    /** The baseline: plain Netty loops, nothing installed. */
    PLAIN("plain"),

    /** {@code MonitoredEventLoopGroup} loops with monitoring switched off by {@code Aiocop.deactivate()}. */
    MONITORED_DEACTIVATED("monitored-deactivated", Feature.MONITORED_LOOPS),

    /** {@code MonitoredEventLoopGroup} loops, monitoring and blocking-call detection on, no agent. */
    MONITORED("monitored", Feature.MONITORED_LOOPS, Feature.MONITORING_ACTIVE),

    /**
     * As {@link #MONITORED}, with the stall watchdog's stall reports off ({@code Aiocop.setStallThresholdMs(0)}):
     * next to {@link #MONITORED}, what the watchdog's reads of each loop's running task cost that loop. The task
     * path is the same in both (the running task's start is published either way).
     */
    MONITORED_STALL_OFF("monitored-stall-off", Feature.MONITORED_LOOPS, Feature.MONITORING_ACTIVE,
            Feature.STALL_REPORTS_OFF),

    /** As {@link #MONITORED}, with the aiocop agent installed ({@code Aiocop.patchAuditFunctions()}). */
    MONITORED_AGENT("monitored+agent", Feature.MONITORED_LOOPS, Feature.MONITORING_ACTIVE, Feature.AIOCOP_AGENT),

    /** Everything on: as {@link #MONITORED_AGENT}, with the Micrometer binder counting reports. */
    MONITORED_AGENT_METRICS("monitored+agent+metrics",
            Feature.MONITORED_LOOPS, Feature.MONITORING_ACTIVE, Feature.AIOCOP_AGENT, Feature.METRICS),

    /**
     * Zero-code mode: plain Netty loops, the aiocop agent installed (which then times Netty's own loops, as
     * {@code -javaagent:aiocop-core.jar} alone does), monitoring and blocking-call detection on.
     */
    ZERO_CODE("zero-code", Feature.MONITORING_ACTIVE, Feature.AIOCOP_AGENT),

    /**
     * The aiocop agent installed, plain loops, blocking-call detection off: what instrumented calls cost on threads
     * that are not loops. Since zero-code mode the agent also times plain loops' tasks (monitoring is active by
     * default).
     */
    AGENT("agent", Feature.AIOCOP_AGENT),

    /** BlockHound installed with its default integrations (including Netty's), plain loops. */
    BLOCKHOUND("blockhound", Feature.BLOCKHOUND);

    /** One thing a variant switches on. */
    public enum Feature {
        /** Event loops are aiocop's monitored ones. */
        MONITORED_LOOPS,
        /** Monitoring and blocking-call detection are on (otherwise the monitored loops are deactivated). */
        MONITORING_ACTIVE,
        /** The aiocop agent is installed. */
        AIOCOP_AGENT,
        /** The stall watchdog reports no stalls ({@code Aiocop.setStallThresholdMs(0)}). */
        STALL_REPORTS_OFF,
        /** An {@code AiocopMetrics} binder is bound to a Micrometer registry. */
        METRICS,
        /** BlockHound is installed. */
        BLOCKHOUND
    }

    private final String label;
    private final Set<Feature> features;

    Variant(String label, Feature... features) {
        this.label = label;
        this.features = features.length == 0 ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(Arrays.asList(features));
    }

    /**
     * Returns the variant with this label.
     *
     * @param label a {@code variant} param value, e.g. {@code monitored+agent}
     * @return the variant
     * @throws IllegalArgumentException when no variant has this label
     */
    public static Variant of(String label) {
        for (Variant variant : values()) {
            if (variant.label.equals(label)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + label + "', expected one of "
                + Arrays.stream(values()).map(Variant::label).collect(Collectors.joining(", ")));
    }

    /**
     * Returns the label used in {@code @Param} values and in the results.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns whether this variant switches {@code feature} on.
     *
     * @param feature a feature
     * @return true when it is on
     */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
