package io.aiocop.internal;

import java.net.URL;
import java.security.CodeSource;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells aiocop's own frames, and the JDK's and Netty's, from application frames in a captured stack.
 *
 * <p>aiocop's classes are those of the packages that aiocop's modules register (and their {@code internal}
 * sub-packages), loaded from an aiocop jar or classes folder (or the bootstrap loader, where the agent puts its
 * bridge). So test classes in a library package, and examples in {@code io.aiocop.examples} shaded into one jar
 * with the library, still count as application code. Each aiocop module registers one of its classes.
 */
public final class LibraryCode {

    private static final String[] PLATFORM_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.netty.",
    };

    private static final Set<String> LIBRARY_LOCATIONS = new CopyOnWriteArraySet<>();
    private static final Set<String> LIBRARY_PACKAGES = new CopyOnWriteArraySet<>();

    private static final ClassValue<Boolean> IS_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!isLibraryPackage(type.getPackageName())) {
                return false;
            }
            String location = location(type);
            return location == null || LIBRARY_LOCATIONS.contains(location);
        }
    };

    private static final ClassValue<Boolean> IS_PLATFORM = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isPlatformName(type.getName());
        }
    };

    static {
        registerModule(LibraryCode.class);
        LIBRARY_PACKAGES.add("io.aiocop");
    }

    private LibraryCode() {
    }

    /**
     * Returns whether a class of this name is JDK or Netty code, by its name alone: for frames of a sampled
     * stack, which carry no class.
     *
     * @param className a binary class name
     * @return true for the JDK's and Netty's packages
     */
    public static boolean isPlatformName(String className) {
        for (String prefix : PLATFORM_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Declares the package of {@code anchor} (with its {@code internal} sub-packages), in the jar or classes
     * folder that holds it, as aiocop code. Call it once from each aiocop module before it runs tasks; classes
     * checked earlier keep their first answer.
     *
     * @param anchor a class in the module's main package
     */
    public static void registerModule(Class<?> anchor) {
        LIBRARY_PACKAGES.add(anchor.getPackageName());
        String location = location(anchor);
        if (location != null) {
            LIBRARY_LOCATIONS.add(location);
        }
    }

    /**
     * Returns whether {@code type} is aiocop's own code.
     *
     * @param type a class seen in a stack
     * @return true for aiocop's classes
     */
    public static boolean isLibrary(Class<?> type) {
        return IS_LIBRARY.get(type);
    }

    /**
     * Returns whether {@code type} is JDK, Netty or aiocop code, i.e. not where the application made a call.
     *
     * @param type a class seen in a stack
     * @return true for platform and library classes
     */
    public static boolean isPlatformOrLibrary(Class<?> type) {
        return IS_PLATFORM.get(type) || IS_LIBRARY.get(type);
    }

    private static boolean isLibraryPackage(String pkg) {
        if (LIBRARY_PACKAGES.contains(pkg)) {
            return true;
        }
        int internal = pkg.indexOf(".internal");
        return internal > 0 && LIBRARY_PACKAGES.contains(pkg.substring(0, internal));
    }

    private static String location(Class<?> type) {
        var domain = type.getProtectionDomain();
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? null : url.toString();
    }
}
