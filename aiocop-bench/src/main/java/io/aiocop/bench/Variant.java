package io.aiocop.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a benchmark variant runs with; the {@link #label()}s are the values of each family's {@code variant}
 * {@code @Param} (see {@link AbstractBenchmark} for the naming scheme).
 */
public enum Variant {

    /** The baseline: plain Netty loops, nothing installed. */
    PLAIN("plain", false, false, false, false),

    /** {@code MonitoredEventLoopGroup} loops with monitoring switched off by {@code Aiocop.deactivate()}. */
    MONITORED_DEACTIVATED("monitored-deactivated", true, false, false, false),

    /** {@code MonitoredEventLoopGroup} loops, monitoring and blocking-call detection on, no agent. */
    MONITORED("monitored", true, true, false, false),

    /** As {@link #MONITORED}, with the aiocop agent installed ({@code Aiocop.patchAuditFunctions()}). */
    MONITORED_AGENT("monitored+agent", true, true, true, false),

    /** The aiocop agent installed, plain loops: what instrumented calls cost on threads that are not loops. */
    AGENT("agent", false, false, true, false),

    /** BlockHound installed with its default integrations (including Netty's), plain loops. */
    BLOCKHOUND("blockhound", false, false, false, true);

    private final String label;
    private final boolean monitoredLoops;
    private final boolean monitoringActive;
    private final boolean aiocopAgent;
    private final boolean blockHound;

    Variant(String label, boolean monitoredLoops, boolean monitoringActive, boolean aiocopAgent,
            boolean blockHound) {
        this.label = label;
        this.monitoredLoops = monitoredLoops;
        this.monitoringActive = monitoringActive;
        this.aiocopAgent = aiocopAgent;
        this.blockHound = blockHound;
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
     * Returns whether event loops are aiocop's monitored ones.
     *
     * @return true for the {@code monitored*} variants
     */
    public boolean monitoredLoops() {
        return monitoredLoops;
    }

    /**
     * Returns whether monitoring and blocking-call detection are switched on.
     *
     * @return false for plain and deactivated variants
     */
    public boolean monitoringActive() {
        return monitoringActive;
    }

    /**
     * Returns whether the aiocop agent is installed.
     *
     * @return true for the {@code *agent} variants
     */
    public boolean aiocopAgent() {
        return aiocopAgent;
    }

    /**
     * Returns whether BlockHound is installed.
     *
     * @return true for {@link #BLOCKHOUND}
     */
    public boolean blockHound() {
        return blockHound;
    }
}
