package io.aiocop.internal.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice templates as ByteBuddy resolves them, once per template and JVM. Resolving one ({@code Advice.to})
 * reads its class file and reflects on its annotations: milliseconds per call on a cold JVM, and the JDK table's
 * sixty-odd targets share a dozen templates. So a blocking-call template is resolved without its operation name,
 * which is bound where the template is inlined: the operation of the rule that gives that instrumented method that
 * template ({@link BlockingCallRules#operationOf}). The inlined code is the same as with the name bound at
 * resolution: a string constant passed to the bridge.
 */
final class ResolvedAdvice {

    private static final Map<Class<?>, Advice> BLOCKING = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Advice> LOOP_BOUNDARIES = new ConcurrentHashMap<>();
    private static final Map<Boolean, Advice> ALLOWANCES = new ConcurrentHashMap<>();

    private ResolvedAdvice() {
    }

    /** Returns the blocking-call template {@code enter}, with {@link BlockingCallAdvice.CloseCallScope} on exit. */
    static Advice blocking(Class<?> enter) {
        return BLOCKING.computeIfAbsent(enter, advice -> Advice.withCustomMapping()
                .bind(BlockingCallAdvice.Operation.class,
                        (TypeDescription type, MethodDescription method, Assigner assigner,
                                Advice.ArgumentHandler arguments, Advice.OffsetMapping.Sort sort) ->
                                Advice.OffsetMapping.Target.ForStackManipulation.of(
                                        BlockingCallRules.operationOf(type.getName(), advice, method)))
                .to(advice, BlockingCallAdvice.CloseCallScope.class));
    }

    /** Returns the allowance template with blocking allowed inside, or disallowed again. */
    static Advice allowance(boolean allowed) {
        return ALLOWANCES.computeIfAbsent(allowed, value -> Advice.withCustomMapping()
                .bind(BlockingCallAdvice.Allowed.class, value ? 1 : 0).to(BlockingCallAdvice.Allowance.class));
    }

    /** Returns one of {@link LoopBoundaryAdvice}'s templates. */
    static Advice loopBoundary(Class<?> advice) {
        return LOOP_BOUNDARIES.computeIfAbsent(advice, Advice::to);
    }
}
