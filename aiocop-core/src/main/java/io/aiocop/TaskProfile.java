package io.aiocop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * What the watchdog measured of one running task once it passed half its threshold: when it saw it, the loop
 * thread's CPU time then, and the CPU stack samples so far. Immutable: the watchdog publishes a new one after each
 * sample ({@link TaskMonitor#publishProfile}), and the loop thread reads the last one when it reports the task.
 *
 * @param taskTag     the task's {@code runningSince}, its identity for the watchdog
 * @param armedNanos  when the watchdog first saw the task past half its threshold, by the monitor's ticker
 * @param cpuAtArmNanos the loop thread's CPU time then, or {@code -1} when the JVM does not measure it
 * @param samples     the CPU stack samples so far, most frequent first
 */
record TaskProfile(long taskTag, long armedNanos, long cpuAtArmNanos, List<CpuStackSample> samples) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Returns the CPU time of the thread with this id, or -1 when the JVM does not measure it. */
    static long cpuTimeNanos(long threadId) {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(threadId) : -1;
    }

    /**
     * Returns the loop thread's CPU time over the task, in milliseconds, or {@link SlowTaskEvent#UNKNOWN}; called by
     * the loop thread when it reports the task (so its own CPU time is read then, and only for a reported task).
     * Measured from {@code armedNanos} to the end; the part before, which the watchdog did not see, is counted at the
     * on-CPU ratio measured after it (a task that computed all along computed then too).
     *
     * @param startNanos the task's start, by the monitor's ticker
     * @param endNanos   its end, by the monitor's ticker
     */
    double cpuTimeMs(long startNanos, long endNanos) {
        long cpuNow = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        if (cpuAtArmNanos < 0 || cpuNow < 0) {
            return SlowTaskEvent.UNKNOWN;
        }
        long watched = endNanos - armedNanos;
        long onCpu = Math.max(0, cpuNow - cpuAtArmNanos);
        long before = Math.max(0, armedNanos - startNanos);
        double ratio = watched > 0 ? Math.min(1.0, (double) onCpu / watched) : 1.0;
        double total = Math.min(onCpu + before * ratio, Math.max(0, endNanos - startNanos));
        return total / 1_000_000.0;
    }
}
