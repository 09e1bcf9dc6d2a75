package io.aiocop;

/**
 * Receives a {@link SlowTaskEvent} after each reported task.
 *
 * <p>Called on the thread that ran the task (an event-loop thread), right after the task: keep it fast and
 * never block in it. Blocking calls made inside a callback are not recorded. An exception thrown by a callback
 * is caught, counted and logged (at most once a minute per callback); the other callbacks still run and the
 * event loop never sees it.
 */
@FunctionalInterface
public interface SlowTaskCallback {

    /**
     * Handles one reported task.
     *
     * @param event what the task did; never null
     */
    void onSlowTask(SlowTaskEvent event);
}
