package io.aiocop;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's recent stop-the-world GC pauses, from its GC notifications ({@link GarbageCollectionNotificationInfo}),
 * so that a reported task can say how much of its time was a pause ({@link SlowTaskEvent#gcPauseMs()}).
 *
 * <p>One listener per collector bean, added when the watchdog starts (the first monitored executor) and removed
 * when it stops. Only the beans whose collections stop the application count: G1's young, mixed and full
 * collections ({@code G1 Young Generation}, {@code G1 Old Generation}), Parallel's and Serial's, and the
 * {@code ... Pauses} beans of ZGC and Shenandoah; the beans that time concurrent cycles ({@code G1 Concurrent GC},
 * {@code ZGC ... Cycles}, {@code Shenandoah Cycles}) do not, since the application runs during most of a cycle.
 * G1's remark and cleanup pauses have no bean of their own and are not counted.
 *
 * <p>Times are the JVM's, in milliseconds since it started, converted once to {@link System#nanoTime()} through
 * the wall clock: a pause is known to a millisecond or two (and a wall-clock step while monitoring runs shifts it). Notifications arrive on the JVM's notification thread shortly after the pause; a task
 * that reports before the notification of a pause that ended just before it asks each collector for its last
 * collection ({@code getLastGcInfo()}), so that pause is not missed. The last {@value #CAPACITY} pauses are kept.
 */
final class GcPauses implements NotificationListener {

    /** The JVM's pauses; the watchdog starts and stops it. */
    static final GcPauses INSTANCE = new GcPauses();

    static final int CAPACITY = 64;

    // Guarded by this: written on the JVM's notification thread, read by loop threads when they report a task.
    private final long[] startNanos = new long[CAPACITY];
    private final long[] endNanos = new long[CAPACITY];
    private int next;
    private int size;
    /** The id (collection number) of the last pause recorded per collector. */
    private final Map<String, Long> lastId = new HashMap<>();
    private final List<NotificationEmitter> listening = new ArrayList<>();
    private long jvmStartNanos;

    private GcPauses() {
    }

    /** Starts listening, once; a JVM without GC notifications leaves it stopped. */
    synchronized void start() {
        if (!listening.isEmpty()) {
            return;
        }
        try {
            // A GC's times count from the JVM's start as getStartTime() gives it (epoch ms), not from getUptime()'s
            // origin (tens of ms earlier): placed on the wall clock, then on nanoTime, once.
            jvmStartNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            for (GarbageCollectorMXBean bean : pauseCollectors()) {
                if (bean instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                    listening.add(emitter);
                    lastId.put(bean.getName(), bean.getCollectionCount());
                }
            }
        } catch (LinkageError | RuntimeException noGcNotifications) {
            // A JVM without com.sun.management: gcPauseMs stays unknown.
            stop();
        }
    }

    /** Stops listening and forgets the pauses. */
    synchronized void stop() {
        for (NotificationEmitter emitter : listening) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException alreadyGone) {
                // Nothing to remove.
            }
        }
        listening.clear();
        lastId.clear();
        size = 0;
        next = 0;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (isPause(info.getGcName())) {
            record(info.getGcName(), info.getGcInfo());
        }
    }

    /**
     * Returns the pause time that overlapped {@code [fromNanos, toNanos]} (by {@link System#nanoTime()}) in
     * milliseconds, or {@link SlowTaskEvent#UNKNOWN} when not listening; called on the report path only.
     */
    double pausedMs(long fromNanos, long toNanos) {
        List<GarbageCollectorMXBean> collectors;
        synchronized (this) {
            if (listening.isEmpty()) {
                return SlowTaskEvent.UNKNOWN;
            }
            collectors = pendingCollectors();
        }
        for (GarbageCollectorMXBean bean : collectors) {
            // A pause whose notification is still on its way: the collector's last collection says when it was.
            if (bean instanceof com.sun.management.GarbageCollectorMXBean sun) {
                GcInfo last = sun.getLastGcInfo();
                if (last != null) {
                    record(bean.getName(), last);
                }
            }
        }
        long paused = 0;
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                paused += Math.max(0, Math.min(endNanos[i], toNanos) - Math.max(startNanos[i], fromNanos));
            }
        }
        return paused / 1_000_000.0;
    }

    /** The collectors that have collected more often than they have notified. */
    private List<GarbageCollectorMXBean> pendingCollectors() {
        List<GarbageCollectorMXBean> pending = new ArrayList<>(0);
        for (NotificationEmitter emitter : listening) {
            GarbageCollectorMXBean bean = (GarbageCollectorMXBean) emitter;
            Long seen = lastId.get(bean.getName());
            if (seen != null && bean.getCollectionCount() > seen) {
                pending.add(bean);
            }
        }
        return pending;
    }

    private synchronized void record(String collector, GcInfo gc) {
        Long seen = lastId.get(collector);
        if (seen == null || gc.getId() <= seen) {
            return;
        }
        lastId.put(collector, gc.getId());
        long start = jvmStartNanos + TimeUnit.MILLISECONDS.toNanos(gc.getStartTime());
        startNanos[next] = start;
        endNanos[next] = start + TimeUnit.MILLISECONDS.toNanos(Math.max(gc.getDuration(), 0));
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    private static List<GarbageCollectorMXBean> pauseCollectors() {
        List<GarbageCollectorMXBean> pauses = new ArrayList<>();
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (isPause(bean.getName())) {
                pauses.add(bean);
            }
        }
        return pauses;
    }

    /** Whether a collector's collections stop the application (see the class comment). */
    static boolean isPause(String collector) {
        return !collector.contains("Concurrent") && !collector.contains("Cycles");
    }
}
