package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.bench.Variant.Feature;
import reactor.blockhound.BlockHound;

/**
 * Installs the blocking-call detector a {@link Variant} asks for: the aiocop agent, BlockHound or nothing.
 *
 * <p>Both tools instrument the JVM for good, so a JVM may only ever run variants that install the same tools;
 * asking for another throws. That turns a run with {@code -f 0} (all variants in one JVM, so every baseline
 * after the first install would silently measure instrumented code) into an error.
 */
public final class Detectors {

    private static Variant first;

    private Detectors() {
    }

    /**
     * Installs what {@code variant} needs, once per JVM; thread-safe.
     *
     * @param variant the variant about to be measured
     * @throws IllegalStateException when this JVM already runs a variant with other tools installed
     */
    public static synchronized void install(Variant variant) {
        if (first != null) {
            if (first.has(Feature.AIOCOP_AGENT) != variant.has(Feature.AIOCOP_AGENT)
                    || first.has(Feature.BLOCKHOUND) != variant.has(Feature.BLOCKHOUND)) {
                throw new IllegalStateException("variant '" + variant.label() + "' cannot share a JVM with '"
                        + first.label() + "': their instrumentation differs; run with forks (-f 1 or more)");
            }
            return;
        }
        if (variant.has(Feature.BLOCKHOUND)) {
            // Loads the integrations on the class path by ServiceLoader, Netty's among them, as a user's would.
            BlockHound.install();
        }
        if (variant.has(Feature.AIOCOP_AGENT)) {
            Aiocop.patchAuditFunctions();
        }
        first = variant;
    }
}
