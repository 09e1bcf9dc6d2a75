package io.aiocop;

import io.aiocop.internal.Checks;
import io.aiocop.internal.agent.BlockingCallAgent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * aiocop's entry points, named after the Python library's functions: severity, callbacks, context providers,
 * the event registry, the runtime switch and raise-on-violations.
 *
 * <p>All methods are thread-safe and may be called at any time, also while monitored executors run. Settings
 * are JVM-wide and apply to every {@link TaskMonitor}.
 */
public final class Aiocop {

    private Aiocop() {
    }

    // ---- Severity --------------------------------------------------------------------------------------

    /**
     * Returns the aggregate severity score of events: the sum of their weights.
     *
     * @param events the events, e.g. {@link SlowTaskEvent#blockingEvents()}
     * @return the score, saturated at {@link Integer#MAX_VALUE}
     * @throws NullPointerException when {@code events} or one of its elements is null
     */
    public static int calculateIoSeverityScore(List<BlockingEventInfo> events) {
        long sum = 0;
        for (BlockingEventInfo event : SlowTaskEvent.requireElements(events, "events")) {
            sum += event.severity();
        }
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /**
     * Returns the level of a score: high from 50, medium from 10, low below.
     *
     * @param score an aggregate score
     * @return its level
     */
    public static SeverityLevel getSeverityLevelFromScore(int score) {
        return SeverityLevel.fromScore(score);
    }

    // ---- Slow-task detection ---------------------------------------------------------------------------

    /**
     * Sets the default threshold of 30 ms for every monitored executor.
     */
    public static void detectSlowTasks() {
        detectSlowTasks(MonitoringState.DEFAULT_THRESHOLD_MS);
    }

    /**
     * Sets the threshold past which a task with no blocking event is reported as
     * {@link SlowTaskEvent.Reason#CPU_BLOCKING}; applies to every monitored executor that has no threshold of
     * its own.
     *
     * @param thresholdMs the threshold in milliseconds
     * @throws IllegalArgumentException when {@code thresholdMs <= 0}
     */
    public static void detectSlowTasks(long thresholdMs) {
        MonitoringState.setThresholdMs(MonitoringState.checkThresholdMs(thresholdMs));
    }

    /**
     * Sets the threshold and registers a callback, like aiocop's {@code detect_slow_tasks(threshold_ms,
     * on_slow_task)}. Nothing changes when an argument is bad.
     *
     * @param thresholdMs the threshold in milliseconds
     * @param onSlowTask  the callback to register
     * @throws IllegalArgumentException when {@code thresholdMs <= 0}
     * @throws NullPointerException     when {@code onSlowTask} is null
     */
    public static void detectSlowTasks(long thresholdMs, SlowTaskCallback onSlowTask) {
        MonitoringState.checkThresholdMs(thresholdMs);
        Checks.requireNonNull(onSlowTask, "onSlowTask");
        registerSlowTaskCallback(onSlowTask);
        MonitoringState.setThresholdMs(thresholdMs);
    }

    /**
     * Returns the global threshold.
     *
     * @return the threshold in milliseconds
     */
    public static long getSlowTaskThresholdMs() {
        return MonitoringState.thresholdMs;
    }

    // ---- Blocking-event detection ----------------------------------------------------------------------

    /**
     * Starts recording blocking events with traces of 20 frames.
     *
     * @see #startBlockingIoDetection(int)
     */
    public static void startBlockingIoDetection() {
        startBlockingIoDetection(MonitoringState.DEFAULT_TRACE_DEPTH);
    }

    /**
     * Starts recording blocking events into monitored tasks: aiocop's {@code start_blocking_io_detection}. Events
     * come from {@link #audit(String, String)} and, once the agent is installed, from instrumented JDK calls.
     * Calling it again changes the trace depth.
     *
     * @param traceDepth how many stack frames each event keeps, 0 to {@value TaskMonitor#MAX_TRACE_DEPTH}
     * @throws IllegalArgumentException when {@code traceDepth} is out of range
     */
    public static void startBlockingIoDetection(int traceDepth) {
        MonitoringState.traceDepth = MonitoringState.checkTraceDepth(traceDepth);
        // The first stack walk loads and links StackWalker's machinery (tens of ms): pay that here, not on a loop.
        TraceCapture.capture("warm-up", "", Severity.WEIGHT_TRIVIAL, BlockingEventInfo.UNKNOWN_DURATION, false,
                BlockingEventInfo.Source.AUDIT, traceDepth);
        JfrEvents.warmUp();
        MonitoringState.detecting = true;
    }

    /**
     * Stops recording blocking events; tasks are still timed.
     */
    public static void stopBlockingIoDetection() {
        MonitoringState.detecting = false;
    }

    /**
     * Returns whether blocking events are being recorded.
     *
     * @return true after {@link #startBlockingIoDetection(int)} until {@link #stopBlockingIoDetection()}
     */
    public static boolean isBlockingIoDetectionStarted() {
        return MonitoringState.detecting;
    }

    /**
     * Sets how many events each task keeps (default 50). Events past the cap are counted in
     * {@link SlowTaskEvent#droppedEvents()} and still add to the score.
     *
     * @param maxEvents the cap, at least 1
     * @throws IllegalArgumentException when {@code maxEvents < 1}
     */
    public static void setMaxEventsPerTask(int maxEvents) {
        Checks.requireArgument(maxEvents >= 1, "maxEvents must be >= 1, was %d", maxEvents);
        MonitoringState.maxEventsPerTask = maxEvents;
    }

    /**
     * Returns how many events each task keeps.
     *
     * @return the cap
     */
    public static int getMaxEventsPerTask() {
        return MonitoringState.maxEventsPerTask;
    }

    /**
     * Sets the shortest instrumented blocking call that is recorded: a call that returned faster is not recorded
     * (a read that hit the page cache, a cached {@code SecureRandom} read, an uncontended park). Default 0: every
     * call is recorded. A call refused by raise-on-violations is always recorded, and so is an
     * {@link #audit(String, String)} event, whose duration is unknown. Takes effect for calls that return after
     * this call.
     *
     * @param micros the minimum duration in microseconds, {@code >= 0}
     * @throws IllegalArgumentException when {@code micros} is negative or too large to be held in nanoseconds
     */
    public static void setMinBlockingCallDurationMicros(long micros) {
        MonitoringState.minBlockingCallNanos = TimeUnit.MICROSECONDS.toNanos(
                Checks.requireInRange(micros, 0, Long.MAX_VALUE / 1000, "micros"));
    }

    /**
     * Returns the shortest instrumented blocking call that is recorded.
     *
     * @return the minimum duration in microseconds; 0 when every call is recorded
     */
    public static long getMinBlockingCallDurationMicros() {
        return TimeUnit.NANOSECONDS.toMicros(MonitoringState.minBlockingCallNanos);
    }

    // ---- Stall watchdog ---------------------------------------------------------------------------------

    /**
     * Sets how long a task may run before the stall watchdog reports it while it still runs (default 1000 ms): to
     * the {@link StallCallback}s, the default reporter (WARN, with the loop thread's stack and the lock owner) and
     * JFR ({@code io.aiocop.Stall}); again with backoff (1 s, 2 s, 4 s, ... at most 60 s apart) while it stays
     * stuck, and once when it ends. The watchdog is one daemon thread, {@code aiocop-watchdog}, that runs while a
     * monitored executor runs and checks each executor every quarter of the threshold (between 5 and 100 ms).
     *
     * @param thresholdMs the threshold in milliseconds, or 0 to turn stall reports off
     * @throws IllegalArgumentException when {@code thresholdMs} is negative or too large to be held in nanoseconds
     */
    public static void setStallThresholdMs(long thresholdMs) {
        MonitoringState.stallThresholdNanos = TimeUnit.MILLISECONDS.toNanos(
                Checks.requireInRange(thresholdMs, 0, Long.MAX_VALUE / 1_000_000, "thresholdMs"));
    }

    /**
     * Returns the stall threshold.
     *
     * @return the threshold in milliseconds; 0 when stall reports are off
     */
    public static long getStallThresholdMs() {
        return TimeUnit.NANOSECONDS.toMillis(MonitoringState.stallThresholdNanos);
    }

    /**
     * Registers a callback for stall reports; registering one twice has no effect.
     *
     * @param callback called on aiocop's stall-report thread for every stall report
     * @throws NullPointerException when {@code callback} is null
     */
    public static void registerStallCallback(StallCallback callback) {
        MonitoringState.STALL_CALLBACKS.register(callback);
    }

    /**
     * Unregisters a stall callback; one that is not registered is ignored.
     *
     * @param callback the callback
     * @throws NullPointerException when {@code callback} is null
     */
    public static void unregisterStallCallback(StallCallback callback) {
        MonitoringState.STALL_CALLBACKS.unregister(callback);
    }

    /**
     * Unregisters every stall callback.
     */
    public static void clearStallCallbacks() {
        MonitoringState.STALL_CALLBACKS.clear();
    }

    // ---- Offender report ---------------------------------------------------------------------------------

    /**
     * Returns who blocks the event loops most: every reported task and stall since start-up or the last
     * {@link #resetReport()}, aggregated per call site (entry point and operation), sorted by impact. Collected
     * whenever monitoring is active, whether or not a callback, the default reporter or JFR listens; a clean task
     * never reaches it.
     *
     * @return an immutable snapshot; render it with {@link OffenderReport#toText()} or
     *         {@link OffenderReport#toJson()}
     */
    public static OffenderReport report() {
        return MonitoringState.OFFENDERS.snapshot();
    }

    /**
     * Forgets everything aggregated so far: the next {@link #report()} covers what is reported after this call. A
     * stall still running counts again, in full, at its next report.
     */
    public static void resetReport() {
        MonitoringState.OFFENDERS.reset();
    }

    /**
     * Sets how many call sites the offender report keeps (default 1000); what happens at call sites first seen
     * after the cap is reached is counted in the report's "other" totals. Applies to call sites first seen after
     * this call: a lower cap leaves the rows already there until {@link #resetReport()}.
     *
     * @param maxCallSites the cap, 1 to 1,000,000
     * @throws IllegalArgumentException when {@code maxCallSites} is out of range; the cap is unchanged then
     */
    public static void setReportMaxCallSites(int maxCallSites) {
        MonitoringState.OFFENDERS.setMaxCallSites(maxCallSites);
    }

    /**
     * Returns how many call sites the offender report keeps.
     *
     * @return the cap
     */
    public static int getReportMaxCallSites() {
        return MonitoringState.OFFENDERS.maxCallSites();
    }

    // ---- Loop health ------------------------------------------------------------------------------------

    /**
     * Returns the monitored executors whose health can be read ({@link MonitoredLoop#health()}): every loop of a
     * monitored Netty group from its creation until it terminates.
     *
     * @return an immutable snapshot of the list, in registration order
     */
    public static List<MonitoredLoop> loops() {
        return MonitoringState.LOOPS.loops();
    }

    /**
     * Adds a listener told of every monitored executor that appears or goes away; it is told of the executors
     * already there at once, on the calling thread. Adding one twice has no effect.
     *
     * @param listener the listener
     * @throws NullPointerException when {@code listener} is null
     */
    public static void addLoopListener(LoopListener listener) {
        MonitoringState.LOOPS.addListener(Checks.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a loop listener; one that is not there is ignored.
     *
     * @param listener the listener
     * @throws NullPointerException when {@code listener} is null
     */
    public static void removeLoopListener(LoopListener listener) {
        MonitoringState.LOOPS.removeListener(Checks.requireNonNull(listener, "listener"));
    }

    /**
     * Sets how often each monitored loop runs its lag probe (default 100 ms), for loops started afterwards whose
     * group sets no interval of its own: a no-op task scheduled on the loop that measures how late it runs
     * ({@link LoopHealth#lagNanos()}). It is neither counted as a task nor reported.
     *
     * @param intervalMs the interval in milliseconds, or 0 for no probe
     * @throws IllegalArgumentException when {@code intervalMs} is negative or too large to be held in nanoseconds
     */
    public static void setLagProbeIntervalMs(long intervalMs) {
        MonitoringState.lagProbeIntervalMs = MonitoringState.checkLagProbeIntervalMs(intervalMs);
    }

    /**
     * Returns the global lag probe interval.
     *
     * @return milliseconds; 0 when probes are off
     */
    public static long getLagProbeIntervalMs() {
        return MonitoringState.lagProbeIntervalMs;
    }

    // ---- CPU stack sampling --------------------------------------------------------------------------------

    /**
     * Starts CPU stack sampling every 10 ms, aiocop's default.
     *
     * @see #startCpuSampling(long)
     */
    public static void startCpuSampling() {
        startCpuSampling(MonitoringState.DEFAULT_CPU_SAMPLING_INTERVAL_MS);
    }

    /**
     * Starts CPU stack sampling: aiocop's {@code start_cpu_sampling}. Once a running task passes half its slow-task
     * threshold, the watchdog thread ({@code aiocop-watchdog}, no other thread) takes the loop thread's stack every
     * {@code intervalMs}, at most 32 times per task, to the trace depth
     * in force; a task that ends past its threshold then reports them in {@link SlowTaskEvent#cpuStackSamples()},
     * identical stacks grouped, most frequent first. A task past the stall threshold is sampled once per stall
     * report only. The loop thread does no new work for it; only a slow task is ever sampled. Calling it again
     * changes the interval.
     *
     * @param intervalMs the time between two samples of one task, in milliseconds, 5 to 60000
     * @throws IllegalArgumentException when {@code intervalMs} is out of range; nothing changes then
     */
    public static void startCpuSampling(long intervalMs) {
        MonitoringState.cpuSamplingIntervalNanos = TimeUnit.MILLISECONDS.toNanos(
                MonitoringState.checkCpuSamplingIntervalMs(intervalMs));
    }

    /**
     * Stops CPU stack sampling: tasks report no {@link SlowTaskEvent#cpuStackSamples()}. Their CPU time and GC
     * pauses are still reported.
     */
    public static void stopCpuSampling() {
        MonitoringState.cpuSamplingIntervalNanos = 0;
    }

    /**
     * Returns whether CPU stack sampling runs.
     *
     * @return true after {@link #startCpuSampling(long)} until {@link #stopCpuSampling()}, and from start-up
     */
    public static boolean isCpuSamplingStarted() {
        return MonitoringState.cpuSamplingIntervalNanos > 0;
    }

    /**
     * Returns the CPU sampling interval.
     *
     * @return the interval in milliseconds; 0 when sampling is stopped
     */
    public static long getCpuSamplingIntervalMs() {
        return TimeUnit.NANOSECONDS.toMillis(MonitoringState.cpuSamplingIntervalNanos);
    }

    // ---- Event registry ---------------------------------------------------------------------------------

    /**
     * Returns the catalogue of blocking operations: aiocop's {@code get_blocking_events_dict()}.
     *
     * @return an immutable snapshot, operation name to weight, sorted by name
     */
    public static Map<String, Integer> getBlockingEventsDict() {
        return MonitoringState.EVENTS.snapshot();
    }

    /**
     * Adds an operation to the catalogue or changes its weight. Takes effect at once, also while detection runs.
     *
     * @param name   the operation name, as passed to {@link #audit(String, String)}
     * @param weight its weight, e.g. {@link Severity#WEIGHT_MODERATE}
     * @throws NullPointerException     when {@code name} is null
     * @throws IllegalArgumentException when {@code name} is blank or {@code weight} is negative
     */
    public static void registerBlockingEvent(String name, int weight) {
        MonitoringState.EVENTS.register(name, weight);
    }

    /**
     * Emits a blocking event from application code, exactly as an instrumented JDK call does: recorded into the
     * task running on the current thread when that thread is monitored and detection is started, ignored
     * otherwise.
     *
     * @param name   a registered operation name
     * @param detail the operation's argument (path, host, query), cut to 100 characters; may be null
     * @throws NullPointerException            when {@code name} is null
     * @throws IllegalArgumentException        when {@code name} is blank or not registered
     * @throws HighSeverityBlockingIoException when raising is on and the event makes the task's score high
     */
    public static void audit(String name, String detail) {
        BlockingCallRecorder.record(name, detail);
    }

    // ---- Callbacks ---------------------------------------------------------------------------------------

    /**
     * Registers a callback for reported tasks; registering the same callback again is ignored.
     *
     * @param callback the callback, called on the task's thread after the task
     * @throws NullPointerException when {@code callback} is null
     */
    public static void registerSlowTaskCallback(SlowTaskCallback callback) {
        MonitoringState.CALLBACKS.register(callback);
    }

    /**
     * Removes a callback; removing one that is not registered does nothing.
     *
     * @param callback the callback
     * @throws NullPointerException when {@code callback} is null
     */
    public static void unregisterSlowTaskCallback(SlowTaskCallback callback) {
        MonitoringState.CALLBACKS.unregister(callback);
    }

    /**
     * Removes every callback.
     */
    public static void clearSlowTaskCallbacks() {
        MonitoringState.CALLBACKS.clear();
    }

    /**
     * Returns how many callbacks, context providers and task contexts have thrown (or returned null) since the
     * JVM started.
     *
     * @return the failure count
     */
    public static long getCallbackFailureCount() {
        return MonitoringState.FAILURES.count();
    }

    // ---- Context providers ---------------------------------------------------------------------------------

    /**
     * Registers a context provider; registering the same provider again is ignored.
     *
     * @param provider the provider, called on the task's thread once per reported task: at its first blocking
     *                 event, or at its end for a task that is only slow; its time is not counted in the task's
     *                 elapsed time
     * @throws NullPointerException when {@code provider} is null
     */
    public static void registerContextProvider(ContextProvider provider) {
        MonitoringState.PROVIDERS.register(provider);
    }

    /**
     * Removes a context provider; removing one that is not registered does nothing.
     *
     * @param provider the provider
     * @throws NullPointerException when {@code provider} is null
     */
    public static void unregisterContextProvider(ContextProvider provider) {
        MonitoringState.PROVIDERS.unregister(provider);
    }

    /**
     * Removes every context provider.
     */
    public static void clearContextProviders() {
        MonitoringState.PROVIDERS.clear();
    }

    // ---- Runtime switch ---------------------------------------------------------------------------------------

    /**
     * Resumes monitoring. Monitoring is active from start-up; tasks that begin after this call are monitored.
     */
    public static void activate() {
        MonitoringState.active = true;
    }

    /**
     * Pauses monitoring: nothing is recorded or reported, and a task costs a single branch. Tasks running at the
     * time of the call are not reported.
     */
    public static void deactivate() {
        MonitoringState.active = false;
    }

    /**
     * Returns whether monitoring is active.
     *
     * @return true unless {@link #deactivate()} was called last
     */
    public static boolean isMonitoringActive() {
        return MonitoringState.active;
    }

    // ---- Raise on violations -----------------------------------------------------------------------------------

    /**
     * Makes every monitored thread refuse a blocking call that brings its task's score to high, by throwing
     * {@link HighSeverityBlockingIoException} at the call site.
     */
    public static void enableRaiseOnViolations() {
        RaisePolicy.setGlobal(true);
    }

    /**
     * Turns off the global raise-on-violations; open {@link #raiseOnViolations()} scopes stay in force.
     */
    public static void disableRaiseOnViolations() {
        RaisePolicy.setGlobal(false);
    }

    /**
     * Returns whether raising is in force on the current thread: globally or in an open scope.
     *
     * @return true when a high-severity blocking call would be refused here
     */
    public static boolean isRaiseOnViolationsEnabled() {
        return RaisePolicy.isEnabled();
    }

    /**
     * Opens a scope on the current thread in which high-severity blocking calls are refused, like aiocop's
     * {@code with raise_on_violations():}. Close it with try-with-resources; scopes nest.
     *
     * @return the scope to close
     */
    public static RaiseOnViolationsScope raiseOnViolations() {
        return new RaiseOnViolationsScope();
    }

    // ---- Blocking-call agent ----------------------------------------------------------------------------------

    /**
     * Installs the blocking-call agent: aiocop's {@code patch_audit_functions()}. Attaches to the running JVM
     * (unless the jar was started with {@code -javaagent:}), adds a small advice to the JDK's blocking methods, and
     * checks with a self-test that it works. Idempotent and thread-safe; takes a few hundred milliseconds the first
     * time. Events are recorded only once {@link #startBlockingIoDetection(int)} was called.
     *
     * @throws IllegalStateException when the agent cannot be attached or its self-test fails; the message says what
     *                               to do (JVM flags, agent order)
     */
    public static void patchAuditFunctions() {
        if (!BlockingCallAgent.isInstalled()) {
            BlockingCallAgent.install(AgentRuntime.HOOKS);
        }
    }

    /**
     * Returns whether {@link #patchAuditFunctions()} has installed the agent in this JVM.
     *
     * @return true once the agent is installed
     */
    public static boolean isAuditFunctionsPatched() {
        return BlockingCallAgent.isInstalled();
    }

    /**
     * Returns what the agent instrumented in this JVM, like aiocop's {@code get_patched_functions()}: one
     * {@code class#method} per instrumented method name, e.g. {@code java.io.FileInputStream#open}. A method that
     * is native on this JDK (on Java 17: {@code Thread.sleep(long)}, {@code Object.wait(long)}) is not listed.
     *
     * @return a sorted, immutable list; empty before {@link #patchAuditFunctions()}
     */
    public static List<String> getPatchedFunctions() {
        return BlockingCallAgent.patchedFunctions();
    }

    /**
     * Allows blocking calls inside a method: instrumented calls made while it runs (on a monitored thread) are not
     * recorded, like BlockHound's {@code allowBlockingCallsInside}. Covers every overload; the class need not be
     * loaded yet. Takes effect at once, also after {@link #patchAuditFunctions()}.
     *
     * @param className  the binary class name, e.g. {@code com.acme.Cache$Loader}
     * @param methodName the method name
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when an argument is blank or not a Java name
     * @throws IllegalStateException    when the loaded class cannot be retransformed
     */
    public static void allowBlockingCallsInside(String className, String methodName) {
        BlockingCallAgent.putAllowance(className, methodName, true);
    }

    /**
     * Disallows blocking calls inside a method, even when it is called from an allowed one: an allowed outer
     * method that calls a disallowed inner one has the inner one's blocking calls reported. Also replaces an
     * earlier {@link #allowBlockingCallsInside(String, String)} (or a built-in allowance) of the same method.
     *
     * @param className  the binary class name
     * @param methodName the method name
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when an argument is blank or not a Java name
     * @throws IllegalStateException    when the loaded class cannot be retransformed
     */
    public static void disallowBlockingCallsInside(String className, String methodName) {
        BlockingCallAgent.putAllowance(className, methodName, false);
    }

    /**
     * Reports every call of an application method made inside a monitored task as a blocking event named
     * {@code spec}, like adding to aiocop's {@code FUNCTIONS_TO_PATCH_DICT}. Works before and after
     * {@link #patchAuditFunctions()} (the class is retransformed at once when the agent is installed). The event
     * name is registered with {@code weight}.
     *
     * @param spec   {@code com.acme.LegacyClient#query}: a binary class name, {@code #}, a method name (every
     *               overload with Java code is covered)
     * @param weight the event's weight, e.g. {@link Severity#WEIGHT_HEAVY}
     * @throws NullPointerException     when {@code spec} is null
     * @throws IllegalArgumentException when the spec is malformed, names a JDK or aiocop class, a class or method
     *                                  that does not exist, or only native or abstract methods; when {@code weight}
     *                                  is negative; when the class cannot be instrumented. Nothing is registered
     *                                  then.
     */
    public static void registerFunctionToPatch(String spec, int weight) {
        BlockingCallAgent.resolveFunction(spec);
        if (weight < 0) {
            throw new IllegalArgumentException("weight of '" + spec + "' must be >= 0, was " + weight);
        }
        Integer previousWeight = getBlockingEventsDict().get(spec);
        registerBlockingEvent(spec, weight);
        try {
            BlockingCallAgent.patchFunction(spec);
        } catch (IllegalStateException e) {
            MonitoringState.EVENTS.restore(spec, previousWeight);
            throw new IllegalArgumentException("cannot patch '" + spec + "': " + e.getMessage(), e);
        }
    }

    // ---- Netty / reporting --------------------------------------------------------------------------------------

    /**
     * Turns the default reporter back on. It is on from start-up: every reported task is logged to the SLF4J
     * logger {@code io.aiocop}, at WARN when the task ran past its threshold or scored high, at DEBUG otherwise,
     * at most one line per call site and level per interval (see {@link #setDefaultReporterInterval(Duration)}).
     */
    public static void enableDefaultReporter() {
        MonitoringState.REPORTER.setEnabled(true);
    }

    /**
     * Turns the default reporter off, e.g. when a registered callback does the reporting; tasks are still
     * reported to the callbacks.
     */
    public static void disableDefaultReporter() {
        MonitoringState.REPORTER.setEnabled(false);
    }

    /**
     * Returns whether the default reporter logs reported tasks.
     *
     * @return true unless {@link #disableDefaultReporter()} was called last
     */
    public static boolean isDefaultReporterEnabled() {
        return MonitoringState.REPORTER.isEnabled();
    }

    /**
     * Sets how often the default reporter may log a line for the same call site (default 10 s); repeats within
     * the interval are counted and the count is added to the next line logged for that site. Forgets the counts
     * so far.
     *
     * @param interval the interval, positive
     * @throws NullPointerException     when {@code interval} is null
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public static void setDefaultReporterInterval(Duration interval) {
        MonitoringState.REPORTER.setInterval(interval);
    }

    /**
     * Returns the default reporter's interval per call site.
     *
     * @return the interval
     */
    public static Duration getDefaultReporterInterval() {
        return MonitoringState.REPORTER.interval();
    }

    /**
     * Makes the default reporter add each task's context (channel, request id, whatever the providers give) to
     * its lines, or leave it out (the default, since context values may hold personal data).
     *
     * @param logContext whether to log context values
     */
    public static void setDefaultReporterLogsContext(boolean logContext) {
        MonitoringState.REPORTER.setLogContext(logContext);
    }
}
