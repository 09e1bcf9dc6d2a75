package io.aiocop;

import io.aiocop.internal.Log;
import io.aiocop.internal.agent.BlockingCallAgent;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link AiocopIntegration}s on the class path and applies their rules, once per JVM, before the agent
 * is first installed: a library's rules (Netty's own waits, a pool's blocking workers) live with that library.
 */
final class Integrations {

    private static final Log LOG = Log.get("io.aiocop.agent");

    private static boolean applied;

    private Integrations() {
    }

    /** Applies every integration found by the context class loader (or aiocop's), unless done already. */
    static synchronized void applyAll() {
        if (applied) {
            return;
        }
        applied = true;
        AiocopIntegration.Rules rules = new AiocopIntegration.Rules() {
            @Override
            public void allowBlockingCallsInside(String className, String methodName) {
                BlockingCallAgent.putAllowance(className, methodName, true);
            }

            @Override
            public void disallowBlockingCallsInside(String className, String methodName) {
                BlockingCallAgent.putAllowance(className, methodName, false);
            }

            @Override
            public void registerFunctionToPatch(String spec, int weight) {
                Aiocop.registerFunctionToPatch(spec, weight);
            }
        };
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<AiocopIntegration> found = ServiceLoader.load(AiocopIntegration.class,
                loader != null ? loader : Integrations.class.getClassLoader());
        for (ServiceLoader.Provider<AiocopIntegration> provider : found.stream().toList()) {
            try {
                provider.get().applyTo(rules);
                LOG.debug("aiocop integration {} applied", provider.type().getName());
            } catch (RuntimeException | ServiceConfigurationError e) {
                LOG.warn("aiocop integration {} failed and was skipped", provider.type().getName(), e);
            }
        }
    }
}
