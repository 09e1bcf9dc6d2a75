package io.aiocop;

import java.util.Map;

/**
 * Supplies context (request id, tracing span, user) for {@link SlowTaskEvent#context()}.
 *
 * <p>Registered providers are called on the task's thread, once per reported task and never for a task that is
 * not reported: at the task's first blocking event, so values that are only live during the task are captured,
 * or, for a task reported only because it ran past its threshold, when the task ends. The time they take is not
 * counted in the task's elapsed time. A provider that throws or returns null is isolated like a callback;
 * blocking calls made inside it are not recorded. See {@code docs/context-providers.md}.
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
