package io.aiocop;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumentation: which methods of which class get which advice. Either a blocking operation (the advice
 * reports {@code operation}) or an allowance (the advice allows or disallows blocking inside the method).
 *
 * @param typeName  the binary name of the class, e.g. {@code java.io.FileInputStream}
 * @param methods   the methods of that class to instrument; native and abstract methods are never matched
 * @param advice    the advice template, one of {@link BlockingCallAdvice}'s nested classes; blocking operations
 *                  get {@link BlockingCallAdvice.CloseCallScope} as their exit advice
 * @param operation the operation name bound into the advice, or null for an allowance
 * @param allowed   for an allowance: 1 allows blocking inside, 0 disallows it; ignored otherwise
 * @param key       {@code class#method} for an allowance or a registered function, null for a JDK operation
 */
record InstrumentationTarget(
        String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice, String operation,
        int allowed,
        String key) {

    /** A blocking operation made by {@code methods} of {@code typeName}. */
    static InstrumentationTarget blocking(String typeName, ElementMatcher.Junction<? super MethodDescription> methods,
            Class<?> advice, String operation) {
        return new InstrumentationTarget(typeName, concrete(methods), advice, operation, 0, null);
    }

    /** Blocking allowed (or disallowed again) inside the methods named {@code methodName} of {@code typeName}. */
    static InstrumentationTarget allowance(String typeName, String methodName, boolean allowed) {
        return new InstrumentationTarget(typeName, concrete(named(methodName)), BlockingCallAdvice.Allowance.class,
                null, allowed ? 1 : 0, typeName + "#" + methodName);
    }

    /** Returns the visitor that applies this target's advice to its methods. */
    AsmVisitorWrapper visitor() {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping();
        Advice applied = operation == null
                ? mapping.bind(BlockingCallAdvice.Allowed.class, allowed).to(advice)
                : mapping.bind(BlockingCallAdvice.Operation.class, operation)
                        .to(advice, BlockingCallAdvice.CloseCallScope.class);
        return applied.on(methods);
    }

    private static ElementMatcher<? super MethodDescription> concrete(
            ElementMatcher.Junction<? super MethodDescription> methods) {
        return not(isNative()).and(not(isAbstract())).and(methods);
    }
}
