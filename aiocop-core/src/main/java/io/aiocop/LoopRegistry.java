package io.aiocop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The monitored executors whose health can be read, and the {@link LoopListener}s told of changes. Changes and
 * notifications happen under this object's lock, so a listener added while loops come and go sees each loop added
 * exactly once and removed at most once, in order.
 */
final class LoopRegistry {

    private final FailureCounter failures;
    private final List<MonitoredLoop> loops = new ArrayList<>();
    private final List<LoopListener> listeners = new ArrayList<>();

    LoopRegistry(FailureCounter failures) {
        this.failures = failures;
    }

    synchronized List<MonitoredLoop> loops() {
        return List.copyOf(loops);
    }

    synchronized void add(MonitoredLoop loop) {
        loops.add(loop);
        tellAll(listener -> listener.loopAdded(loop));
    }

    synchronized void remove(MonitoredLoop loop) {
        if (loops.remove(loop)) {
            tellAll(listener -> listener.loopRemoved(loop));
        }
    }

    synchronized void addListener(LoopListener listener) {
        if (listeners.contains(listener)) {
            return;
        }
        listeners.add(listener);
        for (MonitoredLoop loop : loops) {
            tell(listener, l -> l.loopAdded(loop));
        }
    }

    synchronized void removeListener(LoopListener listener) {
        listeners.remove(listener);
    }

    private void tellAll(Consumer<LoopListener> call) {
        for (LoopListener listener : listeners) {
            tell(listener, call);
        }
    }

    private void tell(LoopListener listener, Consumer<LoopListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            failures.record("loop listener", listener, e);
        }
    }
}
