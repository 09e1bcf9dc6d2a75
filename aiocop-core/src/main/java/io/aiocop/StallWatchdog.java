package io.aiocop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 *
 * <p>The same thread samples each task that runs past half its slow-task threshold ("armed"): it reads the loop
 * thread's CPU time once when it arms the task, names what the thread blocks in where no instrumentation reaches
 * ({@link SampledBlocking}), and, while CPU sampling is on, takes the thread's stack every sampling interval, at most
 * {@value #MAX_CPU_SAMPLES_PER_TASK} times per task, identical stacks grouped ({@link TaskProfile}). A task past the
 * stall threshold is sampled once per stall report, not on every check.
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

    /** The most CPU stack samples one task gets (aiocop's default). */
    static final int MAX_CPU_SAMPLES_PER_TASK = 32;

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
            // Loads and links what arming and sampling a task use now, not while the first slow task runs: on a
            // loaded machine that takes long enough to miss a 100 ms sleep.
            Sampling warmUp = new Sampling(TaskMonitor.NOT_RUNNING, 0, TaskProfile.cpuTimeNanos(watchdog.getId()));
            warmUp.addCpuSample(new Throwable().getStackTrace(), 0);
            warmUp.profile();
            while (!watchdog.isInterrupted()) {
                long threshold = MonitoringState.stallThresholdNanos;
                if (threshold > 0 && MonitoringState.active) {
                    check(threshold);
                } else {
                    stalls.clear();
                }
                long cpuInterval = MonitoringState.cpuSamplingIntervalNanos;
                boolean sampling = (MonitoringState.detecting || cpuInterval > 0) && MonitoringState.active;
                long pause = threshold > 0 ? Math.min(MAX_CHECK_NANOS, threshold / 4) : MAX_CHECK_NANOS;
                if (sampling) {
                    // While a task that is not yet a stall runs, twice per half threshold, so that a task slow by
                    // half its threshold is seen before it ends, and every sampling interval once one is armed;
                    // between tasks (an idle loop waits in select, which is no task) once per threshold, so an
                    // idle server wakes this thread about 33 times a second, not 133.
                    pause = Math.min(pause, sample(cpuInterval, MonitoringState.thresholdNanos));
                } else {
                    samplings.clear();
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
                    stall.sampleDue = true;
                    stall.nextReportNanos = now + stall.backoffNanos;
                    stall.backoffNanos = Math.min(MAX_BACKOFF_NANOS, stall.backoffNanos * 2);
                }
            }
            stalls.keySet().retainAll(watched);
        }

        /**
         * Samples the thread of each task running past half its threshold: reads its CPU time when it first sees
         * the task, hands what the thread blocks in, where no instrumentation reaches, to the task (once per
         * blocking site per task), and takes a CPU stack sample when one is due. A task that is a stall is sampled
         * only right after a stall report of it. Returns how long this thread may sleep before the next check:
         * a quarter of a monitor's own threshold while its task runs and is not armed yet (or is armed and blocking
         * detection is on), the sampling interval while an armed task still wants samples, else the smallest of the
         * monitors' thresholds and {@code idlePause}: a group with a threshold of its own below the global one is
         * watched at its own pace.
         */
        private long sample(long cpuInterval, long idlePause) {
            boolean detecting = MonitoringState.detecting;
            long pause = idlePause;
            for (TaskMonitor monitor : watched) {
                long sampleAfter = monitor.sampleAfterNanos();
                long unarmedPause = sampleAfter / 2;
                pause = Math.min(pause, 2 * sampleAfter);
                long since = monitor.runningSinceNanos();
                if (since == TaskMonitor.NOT_RUNNING) {
                    continue;
                }
                long now = monitor.ticker().read();
                if (now - since < sampleAfter) {
                    pause = Math.min(pause, unarmedPause);
                    continue;
                }
                Stall stall = stalls.get(monitor);
                if (stall != null && stall.runningSince == since) {
                    if (!stall.sampleDue) {
                        continue;
                    }
                    stall.sampleDue = false;
                }
                Sampling sampling = samplings.get(monitor);
                if (sampling == null || sampling.runningSince != since) {
                    sampling = arm(monitor, since, now);
                }
                boolean cpuDue = cpuInterval > 0 && sampling.cpuSamples < MAX_CPU_SAMPLES_PER_TASK
                        && now - sampling.nextCpuSampleNanos >= 0;
                boolean blockingDue = detecting && !monitor.inInstrumentedCall();
                // An armed task is checked again at the sampling interval while it wants CPU samples, and twice per
                // half threshold while blocking detection may still name what it blocks in.
                if (cpuInterval > 0 && sampling.cpuSamples < MAX_CPU_SAMPLES_PER_TASK) {
                    pause = Math.min(pause, cpuInterval);
                }
                if (detecting) {
                    pause = Math.min(pause, unarmedPause);
                }
                if (!cpuDue && !blockingDue) {
                    continue;
                }
                ThreadInfo info = threadInfo(monitor);
                if (info == null) {
                    continue;
                }
                if (blockingDue) {
                    offerBlocking(monitor, since, sampling, info);
                }
                if (cpuDue) {
                    sampling.addCpuSample(info.getStackTrace(), now + cpuInterval);
                    monitor.publishProfile(sampling.profile());
                }
            }
            samplings.keySet().retainAll(watched);
            return pause;
        }

        /** Starts following a task past half its threshold: its CPU time now, and its samples from now on. */
        private Sampling arm(TaskMonitor monitor, long since, long now) {
            Thread thread = monitor.boundThread();
            long cpu = thread == null ? -1 : TaskProfile.cpuTimeNanos(thread.getId());
            Sampling sampling = new Sampling(since, now, cpu);
            samplings.put(monitor, sampling);
            monitor.publishProfile(sampling.profile());
            return sampling;
        }

        /** Hands a blocking call the sample shows, and no instrumentation reports, to the task; once per site. */
        private void offerBlocking(TaskMonitor monitor, long since, Sampling sampling, ThreadInfo info) {
            BlockingEventInfo event = SampledBlocking.describe(info, monitor.permitsBlocking());
            // A call the agent times (a TimeUnit.sleep ending in the native sleep) is its to report, not ours.
            if (event != null && !monitor.inInstrumentedCall()
                    && sampling.sites.add(event.operation() + " at " + event.entryPoint())) {
                monitor.offerSampled(since, event);
            }
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

    /** What the watchdog follows of one armed task: its blocking sites sampled and its CPU stack samples. */
    private static final class Sampling {
        final long runningSince;
        final long armedNanos;
        final long cpuAtArmNanos;
        final Set<String> sites = new HashSet<>();
        /** Samples per distinct stack, in the order first seen. */
        final Map<List<StackTraceElement>, int[]> stacks = new LinkedHashMap<>();
        int cpuSamples;
        long nextCpuSampleNanos;

        Sampling(long runningSince, long armedNanos, long cpuAtArmNanos) {
            this.runningSince = runningSince;
            this.armedNanos = armedNanos;
            this.cpuAtArmNanos = cpuAtArmNanos;
            this.nextCpuSampleNanos = armedNanos;
        }

        void addCpuSample(StackTraceElement[] stack, long nextNanos) {
            cpuSamples++;
            nextCpuSampleNanos = nextNanos;
            if (stack.length > 0) {
                stacks.computeIfAbsent(Arrays.asList(stack), k -> new int[1])[0]++;
            }
        }

        /** The task as measured so far, samples most frequent first (first seen first among equals). */
        TaskProfile profile() {
            List<CpuStackSample> samples = new ArrayList<>(stacks.size());
            for (Map.Entry<List<StackTraceElement>, int[]> e : stacks.entrySet()) {
                samples.add(new CpuStackSample(e.getKey(), SampledBlocking.entryFrame(e.getKey()), e.getValue()[0]));
            }
            samples.sort(Comparator.comparingInt(CpuStackSample::count).reversed());
            return new TaskProfile(runningSince, armedNanos, cpuAtArmNanos, List.copyOf(samples));
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
        /** Set by a stall report, cleared by the sample taken with it: a stall is sampled once per report. */
        boolean sampleDue;

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
                GcPauses.INSTANCE.start();
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
                GcPauses.INSTANCE.stop();
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
