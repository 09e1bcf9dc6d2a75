package io.aiocop;

import io.aiocop.internal.DropInLoopThread;
import io.aiocop.internal.Log;
import io.aiocop.internal.agent.NettyVersions;
import io.aiocop.internal.bootstrap.AiocopBridge;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Zero-code mode, the engine's side: gives each thread that runs one of the application's own Netty event loops
 * (found by the agent's advice in Netty's classes, in any class loader) a {@link TaskMonitor} and moves it at the
 * task boundaries the advice reports, exactly as the drop-in {@code MonitoredIoEventLoop} does: same events,
 * reporter, meters and stall watchdog.
 *
 * <p>A thread is bound at its first task boundary, under its own name as the executor's name (what users see in
 * Netty's, reactor-netty's and Vert.x's thread names). A thread that already carries a monitor (a drop-in
 * aiocop loop, whose {@code pollTask()} override calls into the same Netty code) is marked foreign and left alone,
 * so no task is timed twice; the threads of the drop-in groups' own factory are then told apart by their class
 * ({@link DropInLoopThread}), without the thread-local read. Binding registers the thread's class with {@link MonitoredThreadClasses}:
 * {@code FastThreadLocalThread} for Netty's default factory, or the framework's own subclass.
 *
 * <p>Cost per boundary on a loop thread: one {@code ThreadLocal} read and, as on the drop-in loops, one
 * {@code nanoTime} (none when no task is open and monitoring is deactivated); on a drop-in group's own thread, one
 * class compare in the bridge and nothing here. Confined to each loop thread, but
 * for {@link #BOUND}, which any thread may sweep.
 */
final class NettyLoops {

    private static final Log LOG = Log.get("io.aiocop.agent");

    /** The per-thread state: the thread's zero-code monitor, or {@link #FOREIGN}. */
    private static final ThreadLocal<TaskMonitor> LOOP = new ThreadLocal<>();

    /** Marks a thread whose loop is monitored by aiocop already (a drop-in group). */
    private static final TaskMonitor FOREIGN = TaskMonitor.builder("foreign").build();

    /** Zero-code monitors by thread, so that those of threads that ended without unbinding are released. */
    private static final Map<TaskMonitor, Thread> BOUND = new ConcurrentHashMap<>();

    /** The Netty versions seen per class loader of a bound loop, each logged once. */
    private static final Set<String> VERSIONS_LOGGED = ConcurrentHashMap.newKeySet();

    private NettyLoops() {
    }

    /** Loads what binding a loop thread needs, before the bridge exists; see {@link AgentRuntime#prepare()}. */
    static void prepare() {
        TaskMonitor.builder("warm-up").build();
        JfrEvents.warmUp();
    }

    /** Connects the advice's boundaries to this class; {@link #prepare()} ran before. */
    static void connect() {
        AiocopBridge.loopHook = NettyLoops::boundary;
    }

    /** A task boundary on a loop thread; see {@link AiocopBridge#loopBoundary(int, Class)}. */
    static void boundary(Class<?> netty, int boundary) {
        TaskMonitor monitor = LOOP.get();
        if (monitor == null) {
            if (boundary != AiocopBridge.LOOP_BEGIN && boundary != AiocopBridge.LOOP_IO_BEGIN) {
                return;
            }
            monitor = bind(netty);
        }
        if (monitor == FOREIGN) {
            if (boundary == AiocopBridge.LOOP_EXIT) {
                LOOP.remove();
            }
            return;
        }
        if (boundary == AiocopBridge.LOOP_BEGIN || boundary == AiocopBridge.LOOP_IO_BEGIN) {
            if (monitor.isInTask() || MonitoringState.active) {
                long now = System.nanoTime();
                if (boundary == AiocopBridge.LOOP_IO_BEGIN) {
                    monitor.beginIteration(now);
                } else {
                    monitor.beginTask(now, null);
                }
            }
        } else {
            if (monitor.isInTask()) {
                monitor.endTask(System.nanoTime());
            }
            if (boundary == AiocopBridge.LOOP_EXIT) {
                unbind(monitor);
            }
        }
    }

    /** Binds a monitor to the current thread, or marks it foreign when aiocop already monitors it. */
    private static TaskMonitor bind(Class<?> netty) {
        if (TaskMonitor.current() != null) {
            Thread thread = Thread.currentThread();
            if (thread instanceof DropInLoopThread) {
                // From now on the bridge answers this thread's boundaries by its class, without reaching here.
                AiocopBridge.dropInLoopThreads = thread.getClass();
            }
            LOOP.set(FOREIGN);
            return FOREIGN;
        }
        releaseEnded();
        Thread thread = Thread.currentThread();
        TaskMonitor monitor = TaskMonitor.builder(thread.getName()).groupName(groupName(thread.getName())).build();
        LOOP.set(monitor);
        BOUND.put(monitor, thread);
        monitor.bindToCurrentThread(permitsBlockingCalls(thread));
        monitor.registerLoop(pendingTasks(netty));
        String version = NettyVersions.of(netty);
        if (VERSIONS_LOGGED.add(version)) {
            LOG.info("aiocop zero-code mode: timing the tasks of Netty {} event loops, the first on thread {}",
                    version, thread.getName());
        }
        return monitor;
    }

    private static void unbind(TaskMonitor monitor) {
        LOOP.remove();
        BOUND.remove(monitor);
        monitor.unbindFromCurrentThread();
        monitor.unregisterLoop();
    }

    /** Stops watching the monitors of loop threads that ended without their {@code run()} returning normally. */
    private static void releaseEnded() {
        BOUND.forEach((monitor, thread) -> {
            if (!thread.isAlive() && BOUND.remove(monitor, thread)) {
                StallWatchdog.INSTANCE.unwatch(monitor);
                monitor.unregisterLoop();
            }
        });
    }

    /**
     * The group a loop thread's health is published under: its name without the loop's index, as Netty's,
     * reactor-netty's and Vert.x's thread factories number them ({@code nioEventLoopGroup-2-1} is in
     * {@code nioEventLoopGroup-2}, {@code reactor-http-epoll-3} in {@code reactor-http-epoll}).
     */
    static String groupName(String threadName) {
        String group = threadName.replaceFirst("-\\d+$", "");
        return group.isEmpty() ? threadName : group;
    }

    /**
     * How many tasks wait in the queue of the executor the current thread runs, read by a metrics reader on its own
     * thread through Netty's public, thread-safe {@code SingleThreadEventExecutor.pendingTasks()}; the executor is
     * found once, here, through Netty's {@code ThreadExecutorMap} (4.1 and 4.2), in the loop's own class loader.
     * -1 when it cannot be read.
     */
    private static IntSupplier pendingTasks(Class<?> netty) {
        try {
            Object executor = Class.forName("io.netty.util.internal.ThreadExecutorMap", true, netty.getClassLoader())
                    .getMethod("currentExecutor").invoke(null);
            if (executor == null) {
                return () -> -1;
            }
            Method pending = executor.getClass().getMethod("pendingTasks");
            return () -> {
                try {
                    return (Integer) pending.invoke(executor);
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    return -1;
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("aiocop zero-code mode: no pending-task count for the loop on {}: {}",
                    Thread.currentThread().getName(), e.toString());
            return () -> -1;
        }
    }

    /** Netty's opt-out: {@code FastThreadLocalThread.permitBlockingCalls()}, read once per thread. */
    private static boolean permitsBlockingCalls(Thread thread) {
        try {
            Method permits = thread.getClass().getMethod("permitBlockingCalls");
            return (Boolean) permits.invoke(thread);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notNettyThread) {
            return false;
        }
    }
}
