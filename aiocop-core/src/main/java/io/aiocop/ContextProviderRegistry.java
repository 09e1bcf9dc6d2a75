package io.aiocop;

import java.util.Map;
import java.util.Objects;

/**
 * The registered {@link ContextProvider}s and the merge of their maps. Reads are a volatile array load.
 */
final class ContextProviderRegistry {

    private static final ContextProvider[] NONE = new ContextProvider[0];

    private final UserCodeFailures failures;
    private volatile ContextProvider[] providers = NONE;

    ContextProviderRegistry(UserCodeFailures failures) {
        this.failures = failures;
    }

    /** Adds a provider; a provider that is already registered is ignored. */
    synchronized void register(ContextProvider provider) {
        Objects.requireNonNull(provider, "provider");
        providers = CopyOnWriteArrays.add(providers, provider);
    }

    synchronized void unregister(ContextProvider provider) {
        Objects.requireNonNull(provider, "provider");
        providers = CopyOnWriteArrays.remove(providers, provider);
        failures.forget(provider);
    }

    synchronized void clear() {
        for (ContextProvider p : providers) {
            failures.forget(p);
        }
        providers = NONE;
    }

    boolean isEmpty() {
        return providers.length == 0;
    }

    /**
     * Merges every provider's map into {@code into}, in registration order (a later provider wins on a shared
     * key). A provider that throws or returns null is counted, logged and skipped.
     */
    void captureInto(Map<String, Object> into) {
        for (ContextProvider provider : providers) {
            mergeInto(into, provider, "context provider");
        }
    }

    /** Merges one provider's map into {@code into}, isolating a failure of the provider. */
    void mergeInto(Map<String, Object> into, ContextProvider provider, String kind) {
        try {
            Map<String, Object> values = provider.context();
            if (values == null) {
                failures.record(kind, provider, new NullPointerException(kind + " returned null"));
            } else {
                into.putAll(values);
            }
        } catch (Throwable t) {
            failures.record(kind, provider, t);
        }
    }
}
