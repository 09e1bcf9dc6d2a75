package io.aiocop;

import java.util.Map;

/**
 * The registered {@link ContextProvider}s and the isolated merge of their maps.
 */
final class ContextProviderRegistry extends UserCodeRegistry<ContextProvider> {

    ContextProviderRegistry(FailureCounter failures) {
        super(failures, new ContextProvider[0], "provider");
    }

    /**
     * Merges every provider's map into {@code into}, in registration order (a later provider wins on a shared
     * key). A provider that throws or returns null is counted, logged and skipped.
     */
    void captureInto(Map<String, Object> into) {
        for (ContextProvider provider : items()) {
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
