package io.aiocop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The live stall watchdog: one daemon thread per JVM ({@code aiocop-watchdog}) that looks at every bound
 * {@link TaskMonitor} a few times per stall threshold and reports a task that has run past the threshold while it
 * still runs, like Vert.x's blocked-thread checker, but keyed by executor and with backoff.
 *
 * <p>It runs while at least one monitor is bound ({@link #watch}, {@link #unwatch}). Per task it reads one field
 * of the monitor ({@link TaskMonitor#runningSinceNanos()}); it captures the loop thread's stack, state and lock
 * owner through {@link ThreadMXBean} only for a task already past the threshold. Reports go to a second daemon
 * thread ({@code aiocop-stall-reports}) that calls the stall callbacks, the default reporter and JFR, so that a
 * slow callback never delays detection nor the stack captured for the next stall.
 */
final class StallWatchdog {

    /** The JVM's watchdog. */
    static final StallWatchdog INSTANCE = new StallWatchdog();

    /** The most time between two checks, and the least: a threshold of 100 ms is checked every 25 ms. */
    private static final long MAX_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** The first repeat comes this long after the first report; each next one twice as long, at most the cap. */
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Set<TaskMonitor> watched = ConcurrentHashMap.newKeySet();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** The running watchdog, or null; guarded by this. */
    private Generation running;

    /**
     * One start of the watchdog: its two threads, the queue between them and the stalls it follows. A restart makes
     * a new one, so a stopping watchdog and its successor never share a queue.
     */
    private final class Generation {
        final LinkedBlockingQueue<Report> reports = new LinkedBlockingQueue<>();
        /** The stall being followed per monitor; touched by this generation's watchdog thread only. */
        final Map<TaskMonitor, Stall> stalls = new HashMap<>();
        /** The blocking sites already sampled per monitor, for its running task; this thread's only. */
        final Map<TaskMonitor, Sampling> samplings = new HashMap<>();
        final Thread watchdog = daemon("aiocop-watchdog", this::watchLoop);
        final Thread reporter = daemon("aiocop-stall-reports", this::reportLoop);

        private void watchLoop() {
            while (!watchdog.isInterrupted()) {
                long threshold = MonitoringState.stallThresholdNanos;
                if (threshold > 0 && MonitoringState.active) {
                    check(threshold);
                } else {
                    stalls.clear();
                }
                boolean sampling = MonitoringState.detecting && MonitoringState.active;
                boolean running = false;
                if (sampling) {
                    running = sample();
                } else {
                    samplings.clear();
                }
                long pause = threshold > 0 ? Math.min(MAX_CHECK_NANOS, threshold / 4) : MAX_CHECK_NANOS;
                if (sampling) {
                    // While a task runs, twice per half threshold, so that a task slow by half its threshold is
                    // seen before it ends; between tasks (an idle loop waits in select, which is no task) once per
                    // threshold, so an idle server wakes this thread about 33 times a second, not 133.
                    long slow = MonitoringState.thresholdNanos;
                    pause = Math.min(pause, running ? slow / 4 : slow);
                }
                LockSupport.parkNanos(StallWatchdog.this, Math.max(MIN_CHECK_NANOS, pause));
            }
            // Stalls still followed get their final report: no stall is left without one.
            for (Map.Entry<TaskMonitor, Stall> followed : stalls.entrySet()) {
                Stall stall = followed.getValue();
                reports.add(new Report(ended(followed.getKey(), stall, stall.lastSeenNanos), stall.offenders));
            }
            stalls.clear();
            reports.add(STOP);
        }

        private void check(long threshold) {
            for (TaskMonitor monitor : watched) {
                long since = monitor.runningSinceNanos();
                long now = monitor.ticker().read();
                Stall stall = stalls.get(monitor);
                if (stall != null && stall.runningSince != since) {
                    reports.add(new Report(ended(monitor, stall, now), stall.offenders));
                    stalls.remove(monitor);
                    stall = null;
                }
                if (since == TaskMonitor.NOT_RUNNING || now - since < threshold) {
                    continue;
                }
                if (stall == null) {
                    stall = new Stall(since);
                    stall.nextReportNanos = now;
                    stalls.put(monitor, stall);
                }
                stall.lastSeenNanos = now;
                if (now - stall.nextReportNanos >= 0) {
                    StallEvent event = capture(monitor, since, now);
                    if (event != null) {
                        reports.add(new Report(event, stall.offenders));
                    }
                    stall.nextReportNanos = now + stall.backoffNanos;
                    stall.backoffNanos = Math.min(MAX_BACKOFF_NANOS, stall.backoffNanos * 2);
                }
            }
            stalls.keySet().retainAll(watched);
        }

        /**
         * Samples the thread of each task running past half its threshold, and hands what it blocks in, where no
         * instrumentation reaches, to the task: once per blocking site per task. Returns whether any task runs.
         */
        private boolean sample() {
            boolean running = false;
            for (TaskMonitor monitor : watched) {
                long since = monitor.runningSinceNanos();
                running |= since != TaskMonitor.NOT_RUNNING;
                if (since == TaskMonitor.NOT_RUNNING || monitor.ticker().read() - since < monitor.sampleAfterNanos()) {
                    continue;
                }
                if (monitor.inInstrumentedCall()) {
                    continue;
                }
                ThreadInfo info = threadInfo(monitor);
                BlockingEventInfo event = info == null ? null
                        : SampledBlocking.describe(info, monitor.permitsBlocking());
                // A call the agent times (a TimeUnit.sleep ending in the native sleep) is its to report, not ours.
                if (event == null || monitor.inInstrumentedCall()) {
                    continue;
                }
                Sampling sampling = samplings.get(monitor);
                if (sampling == null || sampling.runningSince != since) {
                    sampling = new Sampling(since);
                    samplings.put(monitor, sampling);
                }
                if (sampling.sites.add(event.operation() + " at " + event.entryPoint())) {
                    monitor.offerSampled(since, event);
                }
            }
            samplings.keySet().retainAll(watched);
            return running;
        }

        private void reportLoop() {
            for (;;) {
                Report report;
                try {
                    report = reports.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (report == STOP) {
                    return;
                }
                try {
                    deliver(report);
                } catch (Throwable bug) {
                    // Never let one report end the delivery of the others.
                    MonitoringState.FAILURES.record("stall reporter of", report.event().executorName(), bug);
                }
            }
        }
    }

    /** The blocking sites sampled in one task. */
    private static final class Sampling {
        final long runningSince;
        final Set<String> sites = new HashSet<>();

        Sampling(long runningSince) {
            this.runningSince = runningSince;
        }
    }

    /** A stall report on its way to the report thread, with the stall it belongs to in the offender report. */
    private record Report(StallEvent event, OffenderAggregator.StallTally offenders) {
    }

    /** One stalled task as the watchdog follows it. */
    private static final class Stall {
        final long runningSince;
        /** Its count in the offender report; handed to, and only touched by, the report thread. */
        final OffenderAggregator.StallTally offenders = new OffenderAggregator.StallTally();
        long nextReportNanos;
        long backoffNanos = FIRST_BACKOFF_NANOS;
        long lastSeenNanos;

        Stall(long runningSince) {
            this.runningSince = runningSince;
        }
    }

    private StallWatchdog() {
    }

    /** Starts watching {@code monitor}, and the watchdog with the first monitor. */
    void watch(TaskMonitor monitor) {
        watched.add(monitor);
        synchronized (this) {
            if (running == null) {
                running = new Generation();
                running.reporter.start();
                running.watchdog.start();
            }
        }
    }

    /** Stops watching {@code monitor}; the watchdog stops with the last one, after its pending reports. */
    void unwatch(TaskMonitor monitor) {
        watched.remove(monitor);
        synchronized (this) {
            if (watched.isEmpty() && running != null) {
                running.watchdog.interrupt();
                running = null;
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Hands one report to the offender report (first, so that a callback that has seen it finds it there), the
     * stall callbacks, JFR and the default reporter; each isolated from the others.
     */
    private static void deliver(Report report) {
        StallEvent event = report.event();
        MonitoringState.OFFENDERS.record(event, report.offenders());
        MonitoringState.STALL_CALLBACKS.dispatch(event);
        JfrEvents.commit(event);
        MonitoringState.REPORTER.reportIfEnabled(event);
    }

    /** Returns the state, lock and stack (to the monitor's trace depth) of the monitor's thread; null when gone. */
    private ThreadInfo threadInfo(TaskMonitor monitor) {
        Thread thread = monitor.boundThread();
        return thread == null ? null : threads.getThreadInfo(thread.getId(), monitor.traceDepth());
    }

    /** Captures what the loop thread does now; null when it is gone. */
    private StallEvent capture(TaskMonitor monitor, long since, long now) {
        ThreadInfo info = threadInfo(monitor);
        if (info == null) {
            return null;
        }
        List<StackTraceElement> stack = Arrays.asList(info.getStackTrace());
        return new StallEvent(monitor.name(), info.getThreadName(), toMillis(now - since), info.getThreadState(),
                stack, info.getLockName(), info.getLockOwnerName(), false, monitor.stallContext());
    }

    private static StallEvent ended(TaskMonitor monitor, Stall stall, long now) {
        Thread thread = monitor.boundThread();
        return new StallEvent(monitor.name(), thread == null ? "" : thread.getName(),
                toMillis(Math.max(0, now - stall.runningSince)), thread == null ? Thread.State.TERMINATED
                        : thread.getState(), List.of(), null, null, true, Map.of());
    }

    /** Tells a generation's report thread that its watchdog has stopped. */
    private static final Report STOP = new Report(new StallEvent("-", "-", 0, Thread.State.NEW, List.of(), null, null,
            true, Map.of()), new OffenderAggregator.StallTally());

    private static double toMillis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
