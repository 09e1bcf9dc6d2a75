package io.aiocop;

/**
 * Receives a {@link StallEvent} while a monitored task is stuck, and once more when it ends.
 *
 * <p>Called on aiocop's stall-report thread, never on the stalled loop and never on the watchdog that detects
 * stalls: a slow callback delays the delivery of later stall reports, but not their detection nor the stack they
 * capture. An exception thrown by a callback is caught, counted and logged like a slow-task callback's.
 */
@FunctionalInterface
public interface StallCallback {

    /**
     * Handles one stall report.
     *
     * @param event the stalled task, as the watchdog saw it; never null
     */
    void onStall(StallEvent event);
}
