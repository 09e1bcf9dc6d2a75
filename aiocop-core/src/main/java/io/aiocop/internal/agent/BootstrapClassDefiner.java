package io.aiocop.internal.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines a class directly in the bootstrap class loader, without appending a jar to its search path.
 *
 * <p>Why: {@link Instrumentation#appendToBootstrapClassLoaderSearch} makes a JVM that maps a class-data-sharing
 * archive (the default, {@code -Xshare:auto}) print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" on standard output (a HotSpot warning, Java 17; Java 25 does the same
 * through its {@code cds} log tag). The library must print nothing. The JDK's own
 * {@code jdk.internal.misc.Unsafe.defineClass} with a null loader defines the class in the bootstrap loader's
 * unnamed module, where an appended jar would have put it; the agent's instrumentation exports
 * {@code jdk.internal.misc} to aiocop's module alone to reach it. No {@code sun.misc.Unsafe} memory access is used,
 * so Java 24+ prints no deprecation warning either.
 */
final class BootstrapClassDefiner {

    private BootstrapClassDefiner() {
    }

    /**
     * Defines {@code name} from {@code bytes} in the bootstrap loader.
     *
     * @return the class, or null when this JDK offers no way to do so (the caller then appends a jar)
     */
    static Class<?> define(Instrumentation inst, String name, byte[] bytes) {
        try {
            Module javaBase = Object.class.getModule();
            Module self = BootstrapClassDefiner.class.getModule();
            if (!javaBase.isExported("jdk.internal.misc", self)) {
                inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(self)), Map.of(), Set.of(),
                        Map.of());
            }
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe", false, null);
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            return (Class<?>) defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError alreadyDefined && isDefined(name)) {
                return classOrNull(name);
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean isDefined(String name) {
        return classOrNull(name) != null;
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
