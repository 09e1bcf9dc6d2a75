package io.aiocop;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry-point text of the call sites seen so far ({@link StackTraceElement#toString()} of the frame), cached per
 * call site so that a site that records again does not build its element and string again.
 *
 * <p>A call site is a frame's class, method name, method descriptor and bytecode index: what the walk already holds
 * for the frame (the method's name and descriptor come from one resolution of the frame's method, cheaper than
 * building its element, which also reads the file name and searches the line table). The text depends on nothing
 * else while the class's bytecode stays as it was, so a cached text is the text the frame would give. A class
 * that aiocop's agent retransforms may have its bytecode indexes moved, so the agent's retransformation of any
 * loaded class drops every cached site ({@link #forgetAll()}). A class redefined by another agent (a debugger's
 * hot swap) keeps the texts of its earlier sites until aiocop retransforms a class.
 *
 * <p>Bounded and leak-free: the sites of a class are attached to the class through a {@link ClassValue} and die
 * with it (nothing here refers to a class or loader), and a class keeps at most {@value #MAX_SITES_PER_CLASS}
 * sites; a site beyond that gets its text built each time. Thread-safe.
 */
final class CallSiteNames {

    /** The most call sites cached for one class. */
    static final int MAX_SITES_PER_CLASS = 64;

    /** Bumped by {@link #forgetAll()}; a class's sites of an older generation are dropped when next read. */
    private static volatile int generation;

    private static final ClassValue<Sites> SITES = new ClassValue<>() {
        @Override
        protected Sites computeValue(Class<?> type) {
            return new Sites(generation);
        }
    };

    private CallSiteNames() {
    }

    /**
     * Returns {@code frame.toStackTraceElement().toString()}, from the cache when the frame's call site was seen.
     *
     * @param frame a frame of a walk that retains class references
     */
    static String of(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        Sites sites = SITES.get(type);
        if (sites.generation != generation) {
            SITES.remove(type);
            sites = SITES.get(type);
        }
        Site site = new Site(frame.getMethodName(), frame.getDescriptor(), frame.getByteCodeIndex());
        String text = sites.texts.get(site);
        if (text == null) {
            text = frame.toStackTraceElement().toString();
            if (sites.texts.size() < MAX_SITES_PER_CLASS) {
                sites.texts.putIfAbsent(site, text);
            }
        }
        return text;
    }

    /** Drops every cached site: called when aiocop's agent has retransformed a loaded class. */
    static void forgetAll() {
        generation++;
    }

    /** Returns how many sites of {@code type} are cached, for tests. */
    static int cachedSites(Class<?> type) {
        Sites sites = SITES.get(type);
        return sites.generation == generation ? sites.texts.size() : 0;
    }

    /** The method and bytecode index of a call site within its class. */
    private record Site(String method, String descriptor, int bytecodeIndex) {
    }

    private static final class Sites {
        final int generation;
        final ConcurrentHashMap<Site, String> texts = new ConcurrentHashMap<>();

        Sites(int generation) {
            this.generation = generation;
        }
    }
}
