package io.aiocop;

import io.aiocop.internal.Checks;
import io.aiocop.internal.DropInLoopThread;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Times the tasks of one single-threaded executor, collects the blocking events they make and reports them to
 * the registered {@link SlowTaskCallback}s: the loop-agnostic engine behind aiocop's {@code detect_slow_tasks}.
 *
 * <p>An executor creates one monitor, calls {@link #bindToCurrentThread()} on the thread that runs its tasks,
 * and brackets every task with {@link #beginTask(long, ContextProvider)} and {@link #endTask(long)}. Blocking
 * events made on that thread inside a task (by instrumented JDK calls or {@link Aiocop#audit(String, String)})
 * are added to the running task. After a task that recorded an event, or that ran past the threshold, the
 * monitor builds a {@link SlowTaskEvent} and calls the callbacks on the same thread.
 *
 * <p>Context providers are called only for a task that is reported, never for a clean one: at its first
 * blocking event (values live there win), or, for a task reported only because it ran past the threshold, when
 * it ends. The time spent in them is not part of the task's elapsed time (see {@code docs/context-providers.md}).
 *
 * <p>Every unit it times also feeds the executor's health ({@link LoopHealth}): each task's duration in a
 * preallocated histogram, I/O time, iterations and the lag probe's lateness, with plain arithmetic on the bound
 * thread; {@link #registerLoop(IntSupplier)} makes that health readable through {@link Aiocop#loops()}.
 *
 * <p>Not thread-safe: all methods but {@link #name()}, {@link #groupName()}, {@link #registerLoop(IntSupplier)} and
 * {@link #unregisterLoop()} must be called from the thread the monitor is bound to.
 * A task that records nothing and is fast allocates nothing and calls no provider; while monitoring is
 * deactivated a task costs one branch in {@code beginTask} and one in {@code endTask}.
 */
public final class TaskMonitor {

    /** The greatest trace depth a monitor or {@link Aiocop#startBlockingIoDetection(int)} accepts. */
    public static final int MAX_TRACE_DEPTH = 1024;

    /** The value of a setting the builder was not given: the monitor follows the global one. */
    private static final int UNSET = -1;

    private static final Ticker SYSTEM_TICKER = Ticker.system();

    private static final ThreadLocal<TaskMonitor> BOUND = new ThreadLocal<>();

    /** {@link #runningSinceNanos()} when no task runs. */
    static final long NOT_RUNNING = 0;

    private static final VarHandle RUNNING_SINCE;

    static {
        try {
            RUNNING_SINCE = MethodHandles.lookup().findVarHandle(TaskMonitor.class, "runningSince", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final String groupName;
    private final Ticker ticker;
    /** Whether {@link #ticker} is {@link System#nanoTime()}, the clock GC pauses are placed on. */
    private final boolean systemTicker;
    private final long thresholdOverrideMs;
    private final long thresholdOverrideNanos;
    private final int traceDepthOverride;
    private final long lagProbeOverrideMs;
    private final boolean executorPermitsBlocking;

    // State of the running task, confined to the bound thread.
    private boolean inTask;
    private boolean reporting;
    private long startNanos;
    private ContextProvider taskContext;
    // Volatile because the stall watchdog reads it from its thread (stallContext); written only on the reporting
    // path (a task's first blocking event, a reported task's end), never on the clean path.
    private volatile Map<String, Object> firstEventContext;
    private final ArrayList<BlockingEventInfo> events = new ArrayList<>();
    /** What the running unit counts as in the health figures: a {@link LoopRecorder} kind. */
    private byte unitKind;
    private final LoopRecorder recorder = new LoopRecorder();
    /** The registration in {@link Aiocop#loops()}, or null; guarded by this. */
    private MonitoredLoop loop;

    // What the stall watchdog reads from its own thread. runningSince is the running task's start, NOT_RUNNING
    // between tasks: written by the bound thread with a release store at the start (a watchdog that reads it with
    // acquire sees the task's state as of its start) and an opaque store at the end, followed by a release fence so
    // that clearing the task's state cannot move before it. On x86 both are plain moves: no fence instruction on the
    // task path. A task's start time is its identity for the watchdog (tasks on a real clock never share one).
    @SuppressWarnings("unused") // through RUNNING_SINCE
    private long runningSince;
    private volatile Thread boundThread;
    /** The value last stored in runningSince, read by the bound thread only. */
    private long runningSinceTag;

    /** A blocking call the watchdog saw in the task whose runningSince was {@code taskTag}. */
    private record Sampled(long taskTag, BlockingEventInfo event) {
    }

    /** Sampled calls handed over by the watchdog; drained by the bound thread when the task ends. */
    private final ConcurrentLinkedQueue<Sampled> sampled = new ConcurrentLinkedQueue<>();
    /**
     * What the watchdog measured of an armed task (CPU time when armed, CPU stack samples), or null. Written by the
     * watchdog only (a volatile store of an immutable record: the loop thread that reads it sees it complete), read
     * by the bound thread only when it reports a task, and used only when its tag is that task's; the clean path
     * never touches it.
     */
    private volatile TaskProfile profile;
    private int score;
    private int dropped;

    // Agent state of the bound thread, written and read only on that thread through AgentRuntime: how many call
    // scopes are open (an instrumented call, or the agent's own work; nothing nested is recorded), whether an
    // allow-listed method is running, whether the thread permits blocking, and the instrumented call that is open:
    // it is recorded when it returns, with its duration, unless it was faster than the minimum.
    private int callScopeDepth;
    private boolean blockingAllowed;
    private boolean threadPermitsBlocking;
    // Volatile because the watchdog reads it (inInstrumentedCall) so that it does not sample a call the agent
    // times; written only for accepted instrumented calls, never on the clean path.
    private volatile String openOperation;
    private String openDetail;
    private int openWeight;
    private long openStartNanos;

    private TaskMonitor(Builder builder) {
        this.name = builder.name;
        this.groupName = builder.groupName != null ? builder.groupName : builder.name;
        this.ticker = builder.ticker;
        this.systemTicker = builder.ticker == SYSTEM_TICKER;
        this.thresholdOverrideMs = builder.thresholdMs;
        this.thresholdOverrideNanos = builder.thresholdMs == UNSET ? UNSET
                : TimeUnit.MILLISECONDS.toNanos(builder.thresholdMs);
        this.traceDepthOverride = builder.traceDepth;
        this.lagProbeOverrideMs = builder.lagProbeIntervalMs;
        this.executorPermitsBlocking = builder.blockingPermitted;
    }

    /**
     * Starts building a monitor.
     *
     * @param name the executor's name, reported in {@link SlowTaskEvent#executorName()}
     * @return a builder with the system ticker and the global threshold
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the monitor bound to the current thread.
     *
     * @return the monitor, or null when the current thread runs no monitored executor
     */
    static TaskMonitor current() {
        Thread thread = Thread.currentThread();
        if (thread instanceof DropInLoopThread) {
            // A drop-in loop's thread carries its monitor: a field load, not a thread-local read.
            return ((DropInLoopThread) thread).boundMonitor();
        }
        return BOUND.get();
    }

    /**
     * Makes the current thread this monitor's thread: blocking events made on it are recorded into this
     * monitor's running task. Call it when the executor's thread starts running tasks.
     */
    public void bindToCurrentThread() {
        bindToCurrentThread(false);
    }

    /**
     * Makes the current thread this monitor's thread, as {@link #bindToCurrentThread()}, and says whether that thread
     * permits blocking (Netty's {@code FastThreadLocalThread.permitBlockingCalls()}): its blocking calls are then
     * recorded as {@linkplain BlockingEventInfo#permitted() permitted} and never refused, as on an executor built
     * with {@link Builder#blockingPermitted(boolean)}.
     *
     * @param threadPermitsBlocking whether the current thread permits blocking calls
     */
    public void bindToCurrentThread(boolean threadPermitsBlocking) {
        this.threadPermitsBlocking = threadPermitsBlocking;
        Thread thread = Thread.currentThread();
        BOUND.set(this);
        if (thread instanceof DropInLoopThread) {
            ((DropInLoopThread) thread).bindMonitor(this);
        }
        MonitoredThreadClasses.register(thread.getClass());
        boundThread = thread;
        StallWatchdog.INSTANCE.watch(this);
    }

    /**
     * Undoes {@link #bindToCurrentThread()}; call it when the executor's thread stops running tasks.
     */
    public void unbindFromCurrentThread() {
        if (BOUND.get() == this) {
            BOUND.remove();
            Thread thread = Thread.currentThread();
            if (thread instanceof DropInLoopThread) {
                ((DropInLoopThread) thread).bindMonitor(null);
            }
            StallWatchdog.INSTANCE.unwatch(this);
            boundThread = null;
        }
    }

    /**
     * Starts a task now, by this monitor's ticker, with no task context.
     */
    public void beginTask() {
        beginTask(ticker.read(), null);
    }

    /**
     * Starts a task. A task still running is ended first, at the same instant.
     *
     * @param nowNanos    the start time, read from {@link #ticker()}
     * @param taskContext context of this task (e.g. the channel it serves), read only when the task is reported;
     *                    its values are overridden by the registered providers'; may be null. No provider is
     *                    called here: providers run only for a task that is reported
     */
    public void beginTask(long nowNanos, ContextProvider taskContext) {
        if (inTask && finishTask(nowNanos)) {
            // The ended task was reported after nowNanos: the callbacks' time must not count towards this task.
            nowNanos = ticker.read();
        }
        if (!MonitoringState.active) {
            return;
        }
        inTask = true;
        unitKind = LoopRecorder.TASK;
        startNanos = nowNanos;
        this.taskContext = taskContext;
        runningSinceTag = nowNanos == NOT_RUNNING ? 1 : nowNanos;
        RUNNING_SINCE.setRelease(this, runningSinceTag);
    }

    /**
     * Starts a unit of I/O processing, e.g. one channel's dispatch: timed, checked and reported exactly like a task,
     * but counted in the executor's health as I/O time, not as a task. A unit still running is ended first.
     *
     * @param nowNanos    the start time, read from {@link #ticker()}
     * @param taskContext context of this unit, as for {@link #beginTask(long, ContextProvider)}; may be null
     */
    public void beginIoTask(long nowNanos, ContextProvider taskContext) {
        beginTask(nowNanos, taskContext);
        if (inTask) {
            unitKind = LoopRecorder.IO;
        }
    }

    /**
     * Starts the I/O processing of one loop iteration, right after the loop's select/epoll wait returned: as
     * {@link #beginIoTask(long, ContextProvider)} with no context, and counts one iteration.
     *
     * @param nowNanos the start time, read from {@link #ticker()}
     */
    public void beginIteration(long nowNanos) {
        beginIoTask(nowNanos, null);
        if (inTask) {
            recorder.recordIteration();
        }
    }

    /**
     * Records a run of the executor's lag probe, from inside the probe's own task: the probe due at {@code dueNanos}
     * ran at {@code nowNanos}. That task is then neither counted as a task in the health figures nor reported; a
     * probe is a no-op task that a loop runs every few milliseconds only to be measured.
     *
     * @param dueNanos when the probe was due to run, by {@link #ticker()}
     * @param nowNanos when it ran, by {@link #ticker()}
     */
    public void recordLagProbe(long dueNanos, long nowNanos) {
        if (inTask) {
            unitKind = LoopRecorder.PROBE;
        }
        recorder.recordLag(nowNanos - dueNanos);
    }

    /**
     * Records when the executor's next lag probe is due, so that a reader sees the lag grow while the loop is stuck
     * and the probe cannot run.
     *
     * @param dueNanos when the next probe is due, by {@link #ticker()}
     */
    public void scheduleLagProbe(long dueNanos) {
        recorder.recordNextProbeDue(dueNanos);
    }

    /**
     * Records that the executor's lag probe stopped (the executor suspends or shuts down): its lag reads as none
     * until {@link #scheduleLagProbe(long)} is called again.
     */
    public void stopLagProbe() {
        recorder.recordNextProbeDue(LoopRecorder.NO_PROBE);
    }

    /**
     * Publishes this executor's health: it appears in {@link Aiocop#loops()} and is announced to every
     * {@link LoopListener} until {@link #unregisterLoop()}. Calling it again returns the same registration.
     * Any thread.
     *
     * @param pendingTasks how many tasks wait in the executor's queue (Netty's
     *                     {@code SingleThreadEventExecutor::pendingTasks}); called by readers on their thread, must be
     *                     thread-safe and fast
     * @return the registration
     * @throws NullPointerException when {@code pendingTasks} is null
     */
    public MonitoredLoop registerLoop(IntSupplier pendingTasks) {
        Checks.requireNonNull(pendingTasks, "pendingTasks");
        MonitoredLoop registered;
        synchronized (this) {
            if (loop != null) {
                return loop;
            }
            registered = new MonitoredLoop(this, pendingTasks);
            loop = registered;
        }
        MonitoringState.LOOPS.add(registered);
        return registered;
    }

    /**
     * Withdraws this executor's health from {@link Aiocop#loops()} and tells every {@link LoopListener}; call it when
     * the executor has terminated. Does nothing when it is not registered. Any thread.
     */
    public void unregisterLoop() {
        MonitoredLoop registered;
        synchronized (this) {
            registered = loop;
            loop = null;
        }
        if (registered != null) {
            MonitoringState.LOOPS.remove(registered);
        }
    }

    /**
     * Ends the running task now, by this monitor's ticker.
     */
    public void endTask() {
        endTask(ticker.read());
    }

    /**
     * Ends the running task and reports it when it recorded a blocking event or ran past the threshold. Does
     * nothing when no task is running.
     *
     * @param nowNanos the end time, read from {@link #ticker()}
     */
    public void endTask(long nowNanos) {
        if (inTask) {
            finishTask(nowNanos);
        }
    }

    /** Ends the running task; returns whether it took the reporting path (and so ran user callbacks). */
    private boolean finishTask(long nowNanos) {
        inTask = false;
        long elapsed = nowNanos - startNanos;
        recorder.record(unitKind, elapsed);
        RUNNING_SINCE.setOpaque(this, NOT_RUNNING);
        VarHandle.releaseFence();
        if (!sampled.isEmpty()) {
            drainSampled();
        }
        long thresholdNanos = thresholdNanos();
        if (score == 0 && events.isEmpty() && dropped == 0 && elapsed < thresholdNanos) {
            taskContext = null;
            return false;
        }
        if (unitKind == LoopRecorder.PROBE) {
            // The probe does nothing; only a pause of the whole JVM can make it slow, which is not its doing.
            clearTask();
            return false;
        }
        try {
            if (MonitoringState.active) {
                report(nowNanos, elapsed, thresholdNanos);
            }
        } catch (Throwable bug) {
            // Never let a reporting failure escape into the event loop that called endTask.
            MonitoringState.FAILURES.record("reporter of", this, bug);
        } finally {
            clearTask();
        }
        return true;
    }

    /**
     * Returns whether a task is running.
     *
     * @return true between {@code beginTask} and {@code endTask} while monitoring is active
     */
    public boolean isInTask() {
        return inTask;
    }

    /**
     * Returns the executor's name.
     *
     * @return the name given to the builder
     */
    public String name() {
        return name;
    }

    /**
     * Returns the name of the group the executor belongs to, reported in {@link SlowTaskEvent#groupName()}.
     *
     * @return the name given to {@link Builder#groupName(String)}, else the executor's name
     */
    public String groupName() {
        return groupName;
    }

    /** Returns the health counters this monitor feeds. */
    LoopRecorder recorder() {
        return recorder;
    }

    /**
     * Returns the ticker that timestamps passed to {@code beginTask}/{@code endTask} must come from.
     *
     * @return the ticker
     */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Returns the threshold in force for this monitor: its own, or the global one of
     * {@link Aiocop#detectSlowTasks(long)}.
     *
     * @return the threshold in milliseconds
     */
    public long thresholdMs() {
        return thresholdOverrideMs != UNSET ? thresholdOverrideMs : MonitoringState.thresholdMs;
    }

    /**
     * Returns how often the executor's lag probe should run: this monitor's own interval, or the global one of
     * {@link Aiocop#setLagProbeIntervalMs(long)}. The executor reads it when it starts its probe.
     *
     * @return milliseconds; 0 for no probe
     */
    public long lagProbeIntervalMs() {
        return lagProbeOverrideMs != UNSET ? lagProbeOverrideMs : MonitoringState.lagProbeIntervalMs;
    }

    private long thresholdNanos() {
        return thresholdOverrideNanos != UNSET ? thresholdOverrideNanos : MonitoringState.thresholdNanos;
    }

    /**
     * Records a blocking event into the running task; ignored outside a task and inside callbacks and context
     * providers. When {@code mayRefuse}, throws when raising is on and the event makes the score high.
     */
    void record(String operation, String detail, int weight, long durationNanos, BlockingEventInfo.Source source,
            boolean mayRefuse) {
        if (!inTask || reporting || !MonitoringState.active) {
            return;
        }
        if (events.isEmpty() && dropped == 0 && !MonitoringState.PROVIDERS.isEmpty()) {
            firstEventContext = captureContext();
        }
        if (count(weight)) {
            events.add(TraceCapture.capture(operation, detail == null ? "" : detail, weight, durationNanos,
                    permitsBlocking(), source, traceDepth()));
        }
        if (mayRefuse && refuses(weight, score)) {
            throw new HighSeverityBlockingIoException(score, toMillis(ticker.read() - startNanos), events);
        }
    }

    /**
     * Adds an event of {@code weight} to the task's score and returns whether the event is kept (under the per-task
     * cap) or only counted as dropped.
     */
    private boolean count(int weight) {
        score = scoreWith(weight);
        if (events.size() < MonitoringState.maxEventsPerTask) {
            return true;
        }
        dropped++;
        return false;
    }

    /** Returns the task's score with an event of {@code weight} added, saturating at {@code Integer.MAX_VALUE}. */
    private int scoreWith(int weight) {
        return score + weight < score ? Integer.MAX_VALUE : score + weight;
    }

    /** Returns whether this executor or its thread permits blocking: its calls are marked so and never refused. */
    boolean permitsBlocking() {
        return executorPermitsBlocking || threadPermitsBlocking;
    }

    /** Returns whether raise-on-violations refuses a call of {@code weight} that brings the score to {@code score}. */
    private boolean refuses(int weight, int scoreWith) {
        return weight > 0 && scoreWith >= Severity.WEIGHT_HEAVY && !permitsBlocking() && RaisePolicy.isEnabled();
    }

    /**
     * Returns whether an instrumented blocking call made now on the bound thread should be recorded: a task runs,
     * detection is on, no callback or provider runs, no call scope is open and no allow-listed method runs.
     */
    boolean acceptsBlockingCall() {
        return inTask && !reporting && callScopeDepth == 0 && !blockingAllowed
                && MonitoringState.detecting && MonitoringState.active;
    }

    /**
     * Opens a call scope on the bound thread: until it is closed nothing is recorded (an instrumented call nested
     * in the one being recorded, the recording's own I/O, a class transformation).
     */
    void openCallScope() {
        callScopeDepth++;
    }

    /**
     * Closes the innermost call scope; when that was the instrumented call begun with
     * {@link #beginBlockingCall(String, String, int)}, records it with its duration, unless it was faster than
     * {@link Aiocop#setMinBlockingCallDurationMicros(long)}. Never throws the raise-on-violations exception: the
     * call has already run.
     */
    void closeCallScope() {
        if (callScopeDepth == 0 || --callScopeDepth > 0 || openOperation == null) {
            return;
        }
        long duration = ticker.read() - openStartNanos;
        String operation = openOperation;
        String detail = openDetail;
        openOperation = null;
        openDetail = null;
        if (duration >= MonitoringState.minBlockingCallNanos) {
            // As while the call ran, what recording it does (the trace, the providers) is not recorded.
            callScopeDepth++;
            try {
                record(operation, detail, openWeight, duration, BlockingEventInfo.Source.INSTRUMENTED, false);
            } finally {
                callScopeDepth--;
            }
        }
    }

    /**
     * Begins an instrumented blocking call inside the call scope the caller opened: refuses it at once (recorded,
     * duration unknown) when raise-on-violations would, else times it until {@link #closeCallScope()}.
     *
     * @throws HighSeverityBlockingIoException when raising is on and the call would make the task's score high
     */
    void beginBlockingCall(String operation, String detail, int weight) {
        if (refuses(weight, scoreWith(weight))) {
            record(operation, detail, weight, BlockingEventInfo.UNKNOWN_DURATION, BlockingEventInfo.Source.INSTRUMENTED,
                    true);
        }
        openOperation = operation;
        openDetail = detail;
        openWeight = weight;
        openStartNanos = ticker.read();
    }

    /**
     * Sets whether an allow-listed method runs on the bound thread and returns the previous value.
     *
     * @param allowed the new value
     * @return the previous value
     */
    boolean swapBlockingAllowed(boolean allowed) {
        boolean previous = blockingAllowed;
        blockingAllowed = allowed;
        return previous;
    }

    /** Returns the running task's start by {@link #ticker()}, or {@link #NOT_RUNNING}; for the stall watchdog. */
    long runningSinceNanos() {
        return (long) RUNNING_SINCE.getAcquire(this);
    }

    /**
     * Hands a blocking call the watchdog saw to the task whose start was {@code taskTag}; from the watchdog's
     * thread. It joins that task when the task ends, and is dropped if another task ends first.
     */
    void offerSampled(long taskTag, BlockingEventInfo event) {
        sampled.add(new Sampled(taskTag, event));
    }

    /** Adds the calls sampled in the task that is ending to its events, and drops stale ones. */
    private void drainSampled() {
        for (Sampled s = sampled.poll(); s != null; s = sampled.poll()) {
            if (s.taskTag() != runningSinceTag || !MonitoringState.active) {
                continue;
            }
            if (count(s.event().weight())) {
                events.add(s.event());
            }
        }
    }

    /** Hands what the watchdog measured of the running task to it; from the watchdog's thread. */
    void publishProfile(TaskProfile measured) {
        profile = measured;
    }

    /** Returns whether an instrumented call is open on the bound thread; from the watchdog's thread. */
    boolean inInstrumentedCall() {
        return openOperation != null;
    }

    /** Returns how long a task runs before the watchdog samples its thread: half the threshold. */
    long sampleAfterNanos() {
        return thresholdNanos() / 2;
    }

    /** Returns the thread the monitor is bound to, or null; for the stall watchdog. */
    Thread boundThread() {
        return boundThread;
    }

    /** Returns the trace depth in force for this monitor. */
    int traceDepth() {
        return traceDepthOverride != UNSET ? traceDepthOverride : MonitoringState.traceDepth;
    }

    /**
     * Returns, from the watchdog's thread, the context the running task captured at its first blocking event:
     * read between two acquire loads of {@code runningSince}, so it is that task's, or empty when the task changed
     * or captured none. The watchdog never calls providers itself: they read the loop thread's own state.
     */
    Map<String, Object> stallContext() {
        long since = runningSinceNanos();
        Map<String, Object> context = firstEventContext;
        if (context == null || since == NOT_RUNNING || runningSinceNanos() != since) {
            return Map.of();
        }
        return context;
    }

    /**
     * Calls the providers inside the running task (at its first blocking event) and moves the task's start later
     * by the time they took, so that neither the task's elapsed time nor its threshold check counts it.
     */
    private Map<String, Object> captureContext() {
        long before = ticker.read();
        try {
            return captureContextNow();
        } finally {
            startNanos += ticker.read() - before;
        }
    }

    /** Calls the providers; blocking calls they make are not recorded (the {@code reporting} flag). */
    private Map<String, Object> captureContextNow() {
        Map<String, Object> context = new LinkedHashMap<>();
        reporting = true;
        try {
            MonitoringState.PROVIDERS.captureInto(context);
        } finally {
            reporting = false;
        }
        return context;
    }

    /**
     * Reports the ended task; {@code thresholdNanos} is the one it was judged by, read once. The offender report
     * gets every reported task, also when nothing else listens (then without context: no provider is called).
     */
    private void report(long endNanos, long elapsedNanos, long thresholdNanos) {
        boolean jfr = JfrEvents.enabled();
        DefaultReporter reporter = MonitoringState.REPORTER;
        boolean listened = !MonitoringState.CALLBACKS.isEmpty() || jfr || reporter.isEnabled();
        if (listened && firstEventContext == null && !MonitoringState.PROVIDERS.isEmpty()) {
            // No blocking event captured the context (a slow task, or providers registered mid-task): capture it
            // now, at the task's end, before the next task starts. The task's elapsed time is already taken.
            firstEventContext = captureContextNow();
        }
        // GC pauses are placed on System.nanoTime(): so is the task on the system ticker; on another ticker (a test's)
        // its end is taken as now. Never "now" on the system ticker: the first report of a JVM may start tens of ms
        // after the task ended (JFR's event classes initialise), which would move the task past its own pauses.
        long endSystemNanos = systemTicker ? endNanos : System.nanoTime();
        TaskProfile measured = profile;
        boolean armed = measured != null && measured.taskTag() == runningSinceTag;
        List<CpuStackSample> samples = armed && elapsedNanos >= thresholdNanos ? measured.samples() : List.of();
        double cpuTimeMs = armed ? measured.cpuTimeMs(startNanos, startNanos + elapsedNanos) : SlowTaskEvent.UNKNOWN;
        double gcPauseMs = GcPauses.INSTANCE.pausedMs(endSystemNanos - elapsedNanos, endSystemNanos);
        reporting = true;
        try {
            Map<String, Object> context = new LinkedHashMap<>();
            if (listened && taskContext != null) {
                MonitoringState.PROVIDERS.mergeInto(context, taskContext, "task context");
            }
            if (listened && firstEventContext != null) {
                context.putAll(firstEventContext);
            }
            SlowTaskEvent event = new SlowTaskEvent(
                    toMillis(elapsedNanos),
                    thresholdMs(),
                    elapsedNanos >= thresholdNanos,
                    score,
                    SeverityLevel.fromScore(score),
                    events.isEmpty() && dropped == 0 ? SlowTaskEvent.Reason.CPU_BLOCKING
                            : SlowTaskEvent.Reason.IO_BLOCKING,
                    events,
                    context,
                    dropped,
                    name,
                    groupName,
                    samples,
                    cpuTimeMs,
                    gcPauseMs);
            // Before the callbacks, so that a callback that has seen the task finds it in Aiocop.report().
            MonitoringState.OFFENDERS.record(event);
            if (!listened) {
                return;
            }
            MonitoringState.CALLBACKS.dispatch(event);
            if (jfr) {
                JfrEvents.commit(event, elapsedNanos);
            }
            reporter.reportIfEnabled(event);
        } finally {
            reporting = false;
        }
    }

    private void clearTask() {
        taskContext = null;
        firstEventContext = null;
        events.clear();
        score = 0;
        dropped = 0;
    }

    private static double toMillis(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return "TaskMonitor[" + name + "]";
    }

    /**
     * Builds a {@link TaskMonitor}. Each setter validates its argument at once.
     */
    public static final class Builder {

        private final String name;
        private String groupName;
        private Ticker ticker = SYSTEM_TICKER;
        private long thresholdMs = UNSET;
        private int traceDepth = UNSET;
        private long lagProbeIntervalMs = UNSET;
        private boolean blockingPermitted;

        private Builder(String name) {
            this.name = Checks.requireNonBlank(name, "name");
        }

        /**
         * Returns a new builder with this one's settings (group name, ticker, threshold, trace depth, lag probe
         * interval, blocking permitted) and another name, e.g. to build one monitor per executor of a pool from one
         * set of settings. This builder is unchanged; copying only reads it, so several threads may copy a builder
         * that no one changes any more.
         *
         * @param name the new builder's executor name
         * @return a new builder
         * @throws NullPointerException     when {@code name} is null
         * @throws IllegalArgumentException when {@code name} is blank
         */
        public Builder withName(String name) {
            Builder copy = new Builder(name);
            copy.groupName = groupName;
            copy.ticker = ticker;
            copy.thresholdMs = thresholdMs;
            copy.traceDepth = traceDepth;
            copy.lagProbeIntervalMs = lagProbeIntervalMs;
            copy.blockingPermitted = blockingPermitted;
            return copy;
        }

        /**
         * Names the group the executor belongs to (e.g. a Netty event-loop group), for {@link LoopHealth} and
         * {@link SlowTaskEvent#groupName()}; by default it is the executor's own name.
         *
         * @param groupName the group's name
         * @return this builder
         * @throws NullPointerException     when {@code groupName} is null
         * @throws IllegalArgumentException when {@code groupName} is blank
         */
        public Builder groupName(String groupName) {
            this.groupName = Checks.requireNonBlank(groupName, "groupName");
            return this;
        }

        /**
         * Sets the clock tasks are timed with.
         *
         * @param ticker the clock; tests pass a hand-driven one
         * @return this builder
         * @throws NullPointerException when {@code ticker} is null
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Checks.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Gives this monitor its own threshold instead of the global one.
         *
         * @param thresholdMs the threshold in milliseconds
         * @return this builder
         * @throws IllegalArgumentException when {@code thresholdMs <= 0}
         */
        public Builder thresholdMs(long thresholdMs) {
            this.thresholdMs = MonitoringState.checkThresholdMs(thresholdMs);
            return this;
        }

        /**
         * Gives this monitor its own trace depth instead of the global one of
         * {@link Aiocop#startBlockingIoDetection(int)}.
         *
         * @param traceDepth how many stack frames each event keeps, 0 to {@value #MAX_TRACE_DEPTH}
         * @return this builder
         * @throws IllegalArgumentException when {@code traceDepth} is out of range
         */
        public Builder traceDepth(int traceDepth) {
            this.traceDepth = MonitoringState.checkTraceDepth(traceDepth);
            return this;
        }

        /**
         * Gives this executor its own lag probe interval instead of the global one of
         * {@link Aiocop#setLagProbeIntervalMs(long)}.
         *
         * @param intervalMs the interval in milliseconds, or 0 for no probe
         * @return this builder
         * @throws IllegalArgumentException when {@code intervalMs} is negative or too large to be held in nanoseconds
         */
        public Builder lagProbeIntervalMs(long intervalMs) {
            this.lagProbeIntervalMs = MonitoringState.checkLagProbeIntervalMs(intervalMs);
            return this;
        }

        /**
         * Declares blocking permitted on this executor (e.g. a pool meant for blocking handlers): blocking events
         * are still recorded and reported, but never refused by raise-on-violations.
         *
         * @param permitted whether blocking is permitted
         * @return this builder
         */
        public Builder blockingPermitted(boolean permitted) {
            this.blockingPermitted = permitted;
            return this;
        }

        /**
         * Builds the monitor.
         *
         * @return a new, unbound monitor
         */
        public TaskMonitor build() {
            return new TaskMonitor(this);
        }

        /**
         * Describes the settings, e.g. {@code thresholdMs=50, traceDepth=(global), blockingPermitted=false}.
         *
         * @return the settings, without the name
         */
        @Override
        public String toString() {
            return (groupName == null ? "" : "groupName=" + groupName + ", ")
                    + "thresholdMs=" + (thresholdMs == UNSET ? "(global)" : Long.toString(thresholdMs))
                    + ", traceDepth=" + (traceDepth == UNSET ? "(global)" : Integer.toString(traceDepth))
                    + ", lagProbeIntervalMs=" + (lagProbeIntervalMs == UNSET ? "(global)"
                            : Long.toString(lagProbeIntervalMs))
                    + ", blockingPermitted=" + blockingPermitted;
        }
    }
}
