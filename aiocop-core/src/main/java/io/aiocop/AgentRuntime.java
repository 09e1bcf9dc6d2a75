package io.aiocop;

import io.aiocop.internal.agent.AgentHooks;
import io.aiocop.internal.bootstrap.AiocopBridge;
import java.nio.channels.SelectableChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's side of the agent: the {@link AgentHooks} the agent package calls, and the hooks the advice calls
 * through the {@link AiocopBridge} once the bridge has found the current thread to be of a monitored class.
 * Loaded only after the bridge was injected into the bootstrap class loader, so that its references to the
 * bridge resolve to that copy.
 *
 * <p>A hook runs on the thread that made the JDK call. The exact answer to "record this call?" is the thread's
 * bound {@link TaskMonitor} and {@link TaskMonitor#acceptsBlockingCall()}. An accepted call opens a call scope on
 * the monitor before anything else, so that blocking calls made while describing the call, and calls nested in
 * the instrumented one, are not recorded again; the call is recorded, with its duration, when the scope closes.
 */
final class AgentRuntime implements AgentHooks {

    /** The hooks the engine passes to the agent. */
    static final AgentHooks HOOKS = new AgentRuntime();

    /** The install-time self-test's thread, which has no monitor and only collects what reached the hooks. */
    private static volatile Thread probe;
    private static final Set<String> PROBED = ConcurrentHashMap.newKeySet();

    private AgentRuntime() {
    }

    /** Publishes the hooks to the bridge, after calling each once so its class is loaded here, not on a loop. */
    @Override
    public void connect() {
        AiocopBridge.passThrough = HighSeverityBlockingIoException.class;
        enter("park", null);
        exit();
        allow(0);
        beginAgentWork();
        endAgentWork();
        loadRecordingPath();
        AiocopBridge.enterHook = AgentRuntime::enter;
        AiocopBridge.exitHook = AgentRuntime::exit;
        AiocopBridge.allowHook = AgentRuntime::allow;
        MonitoredThreadClasses.publishTo(AgentRuntime::publish);
        NettyLoops.connect();
    }

    static void publish(Class<?>[] threadClasses) {
        AiocopBridge.threadClasses = threadClasses;
    }

    static boolean enter(String operation, Object argument) {
        // A Netty loop's own channel calls (non-blocking reads, writes, accepts on every I/O event) are the most
        // frequent calls that pass the bridge's thread check, and are never recorded (BlockingCallDetail drops
        // them): answer them first, with one type check and one volatile read, before the thread-local lookup,
        // the monitor's state and the call scope (measured: NonBlockingCallBenchmark).
        if (argument instanceof SelectableChannel && !((SelectableChannel) argument).isBlocking()) {
            return false;
        }
        TaskMonitor monitor = TaskMonitor.current();
        if (monitor == null) {
            if (Thread.currentThread() == probe) {
                PROBED.add(operation);
            }
            return false;
        }
        if (!monitor.acceptsBlockingCall()) {
            return false;
        }
        monitor.openCallScope();
        boolean begun = false;
        try {
            BlockingCallDetail.Described call = BlockingCallDetail.describe(operation, argument);
            if (call == null) {
                return false;
            }
            BlockingCallRecorder.begin(monitor, call.name(), call.detail());
            begun = true;
            return true;
        } catch (HighSeverityBlockingIoException e) {
            throw e;
        } catch (Exception e) {
            return false;
        } finally {
            if (!begun) {
                monitor.closeCallScope();
            }
        }
    }

    /**
     * Loads and links what recording an event runs, here rather than inside an advice on a loop: a class loaded
     * there reads a jar in the middle of the instrumented call, which may be a read of that same jar.
     */
    private static void loadRecordingPath() {
        try {
            for (String operation : new String[] {"park", "file.read", "socket.write", "stat"}) {
                Object argument = operation.equals("file.read") ? new Object[] {null, "x"} : new java.io.File(".");
                BlockingCallDetail.Described call = BlockingCallDetail.describe(operation, argument);
                if (call != null) {
                    BlockingEventInfo.render(call.name(), BlockingEventInfo.cut(String.valueOf(call.detail())));
                }
            }
            HostLiterals.resolvesWithoutLookup("127.0.0.1");
            TraceCapture.capture("stat", ".", 1, 1, false, BlockingEventInfo.Source.INSTRUMENTED, 1);
        } catch (Exception e) {
            throw new IllegalStateException("aiocop could not prepare its recording path: " + e, e);
        }
    }

    /** Marks the current loop thread as doing the agent's own work (a transformation): nothing is recorded. */
    @Override
    public void beginAgentWork() {
        TaskMonitor monitor = TaskMonitor.current();
        if (monitor != null) {
            monitor.openCallScope();
        }
    }

    /** Ends what {@link #beginAgentWork()} began. */
    @Override
    public void endAgentWork() {
        exit();
    }

    static void exit() {
        TaskMonitor monitor = TaskMonitor.current();
        if (monitor != null) {
            monitor.closeCallScope();
        }
    }

    static int allow(int allowed) {
        TaskMonitor monitor = TaskMonitor.current();
        if (monitor == null) {
            return -1;
        }
        return monitor.swapBlockingAllowed(allowed == 1) ? 1 : 0;
    }

    /**
     * Runs the install-time self-test: starts {@code thread} (not yet started; its class is counted as monitored
     * while it runs), waits for it to end, and returns the operations whose instrumented calls it made reached
     * {@link #enter(String, Object)}.
     */
    @Override
    public Set<String> probe(Thread thread) throws InterruptedException {
        PROBED.clear();
        publish(MonitoredThreadClasses.with(thread.getClass()));
        probe = thread;
        try {
            thread.start();
            thread.join();
            return Set.copyOf(PROBED);
        } finally {
            probe = null;
            publish(MonitoredThreadClasses.registered());
        }
    }
}
