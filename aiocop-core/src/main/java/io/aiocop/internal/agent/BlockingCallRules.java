package io.aiocop.internal.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.aiocop.internal.Checks;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;

/**
 * What the agent instruments: the JDK table, Netty's loop boundaries ({@link NettyLoopMethods}), the allowances users add or override, and the application methods
 * users register (aiocop's {@code FUNCTIONS_TO_PATCH_DICT}). The maps are read live whenever a class is
 * transformed, so a rule added after install takes effect when its class is (re)transformed.
 */
final class BlockingCallRules {

    private static final String[] REFUSED_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.aiocop.", "net.bytebuddy.",
    };

    private static final Map<String, List<InstrumentationTarget>> BUILT_IN = Stream.concat(
                    JdkBlockingMethods.targets().stream(), NettyLoopMethods.targets().stream())
            .collect(Collectors.groupingBy(InstrumentationTarget::typeName));

    /** User allowances by {@code class#method}; they replace a built-in allowance of the same method. */
    private static final Map<String, InstrumentationTarget.Allowance> ALLOWANCES = new ConcurrentHashMap<>();

    /** Registered application methods by {@code class#method}. */
    private static final Map<String, InstrumentationTarget.Blocking> FUNCTIONS = new ConcurrentHashMap<>();

    private BlockingCallRules() {
    }

    /** Returns whether any target names {@code typeName}. */
    static boolean isTarget(String typeName) {
        return BUILT_IN.containsKey(typeName) || hasUserRule(ALLOWANCES, typeName) || hasUserRule(FUNCTIONS, typeName);
    }

    /** Returns every target of {@code typeName}, user allowances replacing built-in ones of the same method. */
    static List<InstrumentationTarget> targetsOf(String typeName) {
        List<InstrumentationTarget> targets = new ArrayList<>();
        for (InstrumentationTarget builtIn : BUILT_IN.getOrDefault(typeName, List.of())) {
            if (!(builtIn instanceof InstrumentationTarget.Allowance)
                    || !ALLOWANCES.containsKey(((InstrumentationTarget.Allowance) builtIn).key())) {
                targets.add(builtIn);
            }
        }
        collect(ALLOWANCES, typeName, targets);
        collect(FUNCTIONS, typeName, targets);
        return targets;
    }

    /**
     * Resolves the advice templates of the built-in rules now ({@link ResolvedAdvice}), which are all the templates
     * user rules use but the allowance's "disallowed" variant; any thread may call it, at any time.
     */
    static void resolveAdvice() {
        BUILT_IN.values().forEach(targets -> targets.forEach(InstrumentationTarget::visitor));
    }

    /**
     * Returns the operation that the blocking-call rule giving {@code method} of {@code typeName} the advice
     * {@code advice} reports: the name {@link ResolvedAdvice} binds where it inlines that advice.
     *
     * @throws IllegalStateException when no such rule exists (the class is then left as it is)
     */
    static String operationOf(String typeName, Class<?> advice, MethodDescription method) {
        for (InstrumentationTarget target : targetsOf(typeName)) {
            if (target instanceof InstrumentationTarget.Blocking blocking && blocking.advice() == advice
                    && blocking.methods().matches(method)) {
                return blocking.operation();
            }
        }
        throw new IllegalStateException("no rule of " + typeName + " gives " + method + " the advice " + advice);
    }

    /**
     * Allows or disallows blocking inside the methods named {@code methodName} of {@code className}.
     *
     * @return the rule, whose class the caller retransforms when the agent is installed
     */
    static InstrumentationTarget putAllowance(String className, String methodName, boolean allowed) {
        Checks.requireBinaryClassName(className, "className");
        Checks.requireMethodName(methodName, "methodName");
        InstrumentationTarget.Allowance rule = InstrumentationTarget.allowance(className, methodName, allowed);
        ALLOWANCES.put(rule.key(), rule);
        return rule;
    }

    /**
     * Validates a function spec and resolves its class, without registering anything.
     *
     * @throws IllegalArgumentException when the spec is malformed, refused, or names no patchable method
     */
    static Class<?> resolveFunction(String spec) {
        Checks.requireNonNull(spec, "spec");
        int hash = spec.indexOf('#');
        if (hash < 0 || !Checks.isBinaryClassName(spec.substring(0, hash))
                || !Checks.isMethodName(spec.substring(hash + 1))) {
            throw new IllegalArgumentException("spec must read 'com.acme.Class#method' (a binary class name, '#', a"
                    + " method name), was '" + spec + "'");
        }
        String className = spec.substring(0, hash);
        String methodName = spec.substring(hash + 1);
        for (String prefix : REFUSED_PREFIXES) {
            if (className.startsWith(prefix)) {
                throw new IllegalArgumentException("cannot patch '" + spec + "': classes under " + prefix
                        + " are JDK or library code; the agent's built-in table covers the JDK's blocking methods");
            }
        }
        Class<?> type = load(className, spec);
        boolean found = false;
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(methodName)) {
                found = true;
                if (!Modifier.isNative(method.getModifiers()) && !Modifier.isAbstract(method.getModifiers())) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("cannot patch '" + spec + "': " + (found
                ? "every method named " + methodName + " is native or abstract; only methods with Java code can be"
                        + " patched"
                : className + " declares no method named " + methodName));
    }

    /** Registers a resolved function; the caller registers its event name and (re)transforms its class. */
    static InstrumentationTarget putFunction(String spec) {
        int hash = spec.indexOf('#');
        InstrumentationTarget.Blocking rule = InstrumentationTarget.blocking(spec.substring(0, hash),
                named(spec.substring(hash + 1)), BlockingCallAdvice.NoArgument.class, spec);
        FUNCTIONS.put(spec, rule);
        return rule;
    }

    /** Undoes {@link #putFunction(String)} after its class could not be transformed. */
    static void removeFunction(String spec) {
        FUNCTIONS.remove(spec);
    }

    private static Class<?> load(String className, String spec) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, BlockingCallRules.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Try the next loader.
            }
        }
        throw new IllegalArgumentException("cannot patch '" + spec + "': class " + className
                + " not found by the thread's context class loader nor by aiocop's");
    }

    private static boolean hasUserRule(Map<String, ? extends InstrumentationTarget> rules, String typeName) {
        for (InstrumentationTarget rule : rules.values()) {
            if (rule.typeName().equals(typeName)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(Map<String, ? extends InstrumentationTarget> rules, String typeName,
            List<InstrumentationTarget> into) {
        for (InstrumentationTarget rule : rules.values()) {
            if (rule.typeName().equals(typeName)) {
                into.add(rule);
            }
        }
    }
}
