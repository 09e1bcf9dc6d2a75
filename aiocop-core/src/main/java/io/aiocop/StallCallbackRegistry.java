package io.aiocop;

/**
 * The registered {@link StallCallback}s and their isolated dispatch, on the stall-report thread.
 */
final class StallCallbackRegistry extends UserCodeRegistry<StallCallback> {

    StallCallbackRegistry(FailureCounter failures) {
        super(failures, new StallCallback[0], "callback");
    }

    /** Calls every callback; one that throws is counted and logged, and the others still run. */
    void dispatch(StallEvent event) {
        dispatch(event, StallCallback::onStall, "stall callback");
    }
}
