package io.aiocop;

/**
 * The registered {@link SlowTaskCallback}s and their isolated dispatch.
 */
final class CallbackRegistry extends UserCodeRegistry<SlowTaskCallback> {

    CallbackRegistry(FailureCounter failures) {
        super(failures, new SlowTaskCallback[0], "callback");
    }

    /** Calls every callback; one that throws is counted and logged, and the others still run. */
    void dispatch(SlowTaskEvent event) {
        dispatch(event, SlowTaskCallback::onSlowTask, "callback");
    }
}
