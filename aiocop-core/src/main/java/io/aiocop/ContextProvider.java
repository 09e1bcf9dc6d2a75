package io.aiocop;

import java.util.Map;

/**
 * Supplies context (request id, tracing span, user) for {@link SlowTaskEvent#context()}.
 *
 * <p>Registered providers are called on the task's thread when a task starts and again at the task's first
 * blocking event (whose values win), so values that are only live during the task are captured. They run for
 * every task while any provider is registered: keep them cheap. A provider that throws or returns null is
 * isolated like a callback; blocking calls made inside it are not recorded.
 */
@FunctionalInterface
public interface ContextProvider {

    /**
     * Returns the context to merge into the task's context.
     *
     * @return key-value pairs; may be empty; values may be null
     */
    Map<String, Object> context();
}
