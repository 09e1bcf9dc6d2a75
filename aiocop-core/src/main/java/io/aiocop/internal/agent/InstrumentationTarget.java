package io.aiocop.internal.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumentation: which methods of which class get which advice. A {@link Blocking} operation (the advice
 * reports it), an {@link Allowance} (the advice allows or disallows blocking inside the method), or a
 * {@link LoopBoundary} of a Netty event loop the application built itself (zero-code mode). Native
 * and abstract methods are never matched: only methods with Java code can take advice.
 */
sealed interface InstrumentationTarget
        permits InstrumentationTarget.Blocking, InstrumentationTarget.Allowance, InstrumentationTarget.LoopBoundary {

    /**
     * Returns the binary name of the class, e.g. {@code java.io.FileInputStream}.
     *
     * @return the class name
     */
    String typeName();

    /**
     * Returns the methods of that class to instrument.
     *
     * @return a matcher of concrete methods
     */
    ElementMatcher<? super MethodDescription> methods();

    /**
     * Returns the visitor that applies this target's advice to its methods.
     *
     * @return the visitor
     */
    AsmVisitorWrapper visitor();

    /** A blocking operation made by {@code methods} of {@code typeName}. */
    static Blocking blocking(String typeName, ElementMatcher.Junction<? super MethodDescription> methods,
            Class<?> advice, String operation) {
        return new Blocking(typeName, concrete(methods), advice, operation);
    }

    /** Blocking allowed (or disallowed again) inside the methods named {@code methodName} of {@code typeName}. */
    static Allowance allowance(String typeName, String methodName, boolean allowed) {
        return new Allowance(typeName, methodName, concrete(named(methodName)), allowed);
    }

    /** A task boundary of Netty's own event loops at {@code methods} of {@code typeName}. */
    static LoopBoundary loopBoundary(String typeName, ElementMatcher.Junction<? super MethodDescription> methods,
            Class<?> advice) {
        return new LoopBoundary(typeName, concrete(methods), advice);
    }

    private static ElementMatcher<? super MethodDescription> concrete(
            ElementMatcher.Junction<? super MethodDescription> methods) {
        return not(isNative()).and(not(isAbstract())).and(methods);
    }

    /**
     * Methods whose calls are a blocking operation.
     *
     * @param typeName  the class
     * @param methods   its methods that block
     * @param advice    the enter advice, one of {@link BlockingCallAdvice}'s nested classes; the exit advice is
     *                  always {@link BlockingCallAdvice.CloseCallScope}
     * @param operation the operation name bound into the advice: a JDK operation, or a registered function's spec
     */
    record Blocking(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice,
            String operation) implements InstrumentationTarget {

        @Override
        public AsmVisitorWrapper visitor() {
            return ResolvedAdvice.blocking(advice).on(methods);
        }
    }

    /**
     * Methods inside which blocking is allowed, or disallowed again.
     *
     * @param typeName   the class
     * @param methodName the methods' name; every overload is covered
     * @param methods    the methods
     * @param allowed    true to allow blocking inside, false to disallow it
     */
    record Allowance(String typeName, String methodName, ElementMatcher<? super MethodDescription> methods,
            boolean allowed) implements InstrumentationTarget {

        /**
         * Returns the rule's key, {@code class#method}: one rule per method name.
         *
         * @return the key
         */
        String key() {
            return typeName + "#" + methodName;
        }

        @Override
        public AsmVisitorWrapper visitor() {
            return ResolvedAdvice.allowance(allowed).on(methods);
        }
    }

    /**
     * Methods of a Netty event executor at which a task or an I/O pass begins or ends (zero-code mode).
     *
     * @param typeName the Netty class, matched by name in every class loader
     * @param methods  its methods
     * @param advice   one of {@link LoopBoundaryAdvice}'s nested classes
     */
    record LoopBoundary(String typeName, ElementMatcher<? super MethodDescription> methods, Class<?> advice)
            implements InstrumentationTarget {

        @Override
        public AsmVisitorWrapper visitor() {
            return ResolvedAdvice.loopBoundary(advice).on(methods);
        }
    }
}
