package io.aiocop.internal.agent;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which Netty versions the application runs, by reflection ({@code io.netty.util.Version}, else the jar
 * manifest): aiocop never has Netty on its own class path. Internal, no compatibility promise.
 */
public final class NettyVersions {

    private NettyVersions() {
    }

    /**
     * Returns the version of the Netty that {@code netty} belongs to.
     *
     * @param netty a Netty class
     * @return e.g. {@code 4.2.18.Final}, or {@code (unknown version)}
     */
    public static String of(Class<?> netty) {
        ClassLoader loader = netty.getClassLoader();
        try {
            Class<?> version = Class.forName("io.netty.util.Version", true, loader);
            Map<?, ?> versions = (Map<?, ?>) version.getMethod("identify", ClassLoader.class).invoke(null, loader);
            Object common = versions.get("netty-common");
            if (common != null) {
                return String.valueOf(version.getMethod("artifactVersion").invoke(common));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Fall back to the manifest.
        }
        Package pkg = netty.getPackage();
        String implementation = pkg == null ? null : pkg.getImplementationVersion();
        return implementation != null ? implementation : "(unknown version)";
    }

    /** Describes the Netty versions loaded in the JVM, for the install log line. */
    static String loaded(Instrumentation inst) {
        Set<String> found = new TreeSet<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (type.getName().equals(NettyLoopMethods.EXECUTOR)) {
                found.add(of(type));
            }
        }
        return found.isEmpty() ? "no Netty loaded yet (its event loops are timed when their classes load)"
                : "Netty " + String.join(", ", found) + " (its event loops are timed)";
    }
}
