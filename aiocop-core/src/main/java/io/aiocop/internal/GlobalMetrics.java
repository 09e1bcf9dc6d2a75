package io.aiocop.internal;

import java.lang.reflect.Method;

/**
 * {@code metrics=global}: binds {@code io.aiocop.micrometer.AiocopMetrics} to Micrometer's
 * {@code Metrics.globalRegistry}, by reflection since aiocop-core cannot depend on Micrometer. Reflection rather
 * than a service hook in aiocop-micrometer: it is one call, needs no new public type, and says plainly which jar
 * is missing. Internal, no compatibility promise.
 */
final class GlobalMetrics {

    static final String BINDER = "io.aiocop.micrometer.AiocopMetrics";
    static final String METRICS = "io.micrometer.core.instrument.Metrics";

    private GlobalMetrics() {
    }

    /**
     * Binds a new {@code AiocopMetrics} to the global registry.
     *
     * @throws IllegalStateException when Micrometer or aiocop-micrometer is not on the class path
     */
    static void bind() {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        try {
            Class<?> metrics = Class.forName(METRICS, true, loader);
            Object registry = metrics.getField("globalRegistry").get(null);
            Class<?> binder = Class.forName(BINDER, true, loader);
            Object instance = binder.getConstructor().newInstance();
            Method bindTo = binder.getMethod("bindTo", Class.forName("io.micrometer.core.instrument.MeterRegistry",
                    false, loader));
            bindTo.invoke(instance, registry);
            Log.get("io.aiocop.agent").info("aiocop: meters bound to Micrometer's global registry");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("metrics=global needs micrometer-core and aiocop-micrometer on the"
                    + " application's class path; missing " + e.getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not bind AiocopMetrics to Metrics.globalRegistry: " + e, e);
        }
    }
}
