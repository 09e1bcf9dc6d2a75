package io.aiocop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A callback that keeps what it is given, and the threads it ran on. */
final class Recorder implements SlowTaskCallback {

    final List<SlowTaskEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onSlowTask(SlowTaskEvent event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }

    SlowTaskEvent only() {
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one report, got " + events);
        }
        return events.get(0);
    }
}
