package io.aiocop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A default reporter's sink that keeps its lines, for tests that read what a user would see in the log. */
final class LineSink implements DefaultReporter.Sink {

    final List<String> lines = new CopyOnWriteArrayList<>();

    /** Returns a reporter that writes here, with a rate limit that never hides a line of a test. */
    DefaultReporter reporter() {
        return new DefaultReporter(this, Ticker.system(), new FailureCounter());
    }

    /** Returns the line the default reporter writes for {@code event}. */
    static String lineOf(SlowTaskEvent event) {
        LineSink sink = new LineSink();
        sink.reporter().report(event);
        if (sink.lines.size() != 1) {
            throw new AssertionError("expected one line, got " + sink.lines);
        }
        return sink.lines.get(0);
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void warn(String line) {
        lines.add(line);
    }

    @Override
    public void debug(String line) {
        lines.add(line);
    }
}
