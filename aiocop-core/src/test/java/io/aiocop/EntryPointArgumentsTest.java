package io.aiocop;

import io.aiocop.internal.agent.BlockingCallAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public entry point of aiocop-core that takes arguments refuses a bad one at once: the exception type, a
 * message that names the argument and what was expected, and nothing changed in aiocop's state.
 */
final class EntryPointArgumentsTest {

    /** Class names some cases pass; none may become an instrumentation target. */
    private static final List<String> CLASS_NAMES = List.of("a b.C", "1bad", "a/B", "a..B", "a.B.", "com.acme.C",
            "com.acme.LegacyClient");

    private static final SlowTaskCallback CALLBACK = event -> { };
    private static final BlockingEventInfo EVENT = new BlockingEventInfo("open(/x)", List.of(), "App.run(App.java:1)",
            Severity.WEIGHT_MODERATE);

    /** One bad call: what it must throw and what its message must mention. */
    record Case(String call, Class<? extends Throwable> type, ThrowingCallable body, List<String> mentions) {
        @Override
        public String toString() {
            return call;
        }
    }

    private static Case iae(String call, ThrowingCallable body, String... mentions) {
        return new Case(call, IllegalArgumentException.class, body, List.of(mentions));
    }

    private static Case npe(String call, ThrowingCallable body, String argument) {
        return new Case(call, NullPointerException.class, body, List.of(argument, "must not be null"));
    }

    /** What a bad call must leave as it was. */
    record State(Map<String, Integer> events, long thresholdMs, int traceDepth, int maxEvents, int callbacks,
                 int providers, Duration reporterInterval, boolean reporterEnabled, boolean detecting,
                 boolean active, List<String> patched, List<Boolean> targets, long minCallMicros,
                 long stallThresholdMs, int stallCallbacks) {

        static State now() {
            List<Boolean> targets = new ArrayList<>();
            for (String name : CLASS_NAMES) {
                targets.add(BlockingCallAgent.isTarget(name));
            }
            return new State(Aiocop.getBlockingEventsDict(), Aiocop.getSlowTaskThresholdMs(),
                    MonitoringState.traceDepth, Aiocop.getMaxEventsPerTask(), MonitoringState.CALLBACKS.items().length,
                    MonitoringState.PROVIDERS.items().length, Aiocop.getDefaultReporterInterval(),
                    Aiocop.isDefaultReporterEnabled(), Aiocop.isBlockingIoDetectionStarted(),
                    Aiocop.isMonitoringActive(), Aiocop.getPatchedFunctions(), targets,
                    Aiocop.getMinBlockingCallDurationMicros(), Aiocop.getStallThresholdMs(),
                    MonitoringState.STALL_CALLBACKS.items().length);
        }
    }

    static Stream<Case> cases() {
        TaskMonitor.Builder builder = TaskMonitor.builder("checked");
        List<BlockingEventInfo> withNull = Arrays.asList(EVENT, null);
        return Stream.of(
                // Slow-task detection
                iae("detectSlowTasks(0)", () -> Aiocop.detectSlowTasks(0), "thresholdMs", "> 0", "was 0"),
                iae("detectSlowTasks(-5)", () -> Aiocop.detectSlowTasks(-5), "thresholdMs must be > 0, was -5"),
                iae("detectSlowTasks(MIN_VALUE)", () -> Aiocop.detectSlowTasks(Long.MIN_VALUE), "thresholdMs", "> 0"),
                iae("detectSlowTasks(-1, cb)", () -> Aiocop.detectSlowTasks(-1, CALLBACK), "thresholdMs", "> 0"),
                npe("detectSlowTasks(10, null)", () -> Aiocop.detectSlowTasks(10, null), "onSlowTask"),
                // Blocking-event detection
                iae("startBlockingIoDetection(-1)", () -> Aiocop.startBlockingIoDetection(-1),
                        "traceDepth must be in [0, 1024], was -1"),
                iae("startBlockingIoDetection(1025)", () -> Aiocop.startBlockingIoDetection(1025),
                        "traceDepth", "[0, 1024]", "1025"),
                iae("startBlockingIoDetection(MAX_VALUE)", () -> Aiocop.startBlockingIoDetection(Integer.MAX_VALUE),
                        "traceDepth", "[0, 1024]"),
                iae("setMaxEventsPerTask(0)", () -> Aiocop.setMaxEventsPerTask(0), "maxEvents must be >= 1, was 0"),
                iae("setMaxEventsPerTask(MIN_VALUE)", () -> Aiocop.setMaxEventsPerTask(Integer.MIN_VALUE),
                        "maxEvents", ">= 1"),
                // Event registry and audit
                npe("registerBlockingEvent(null, 1)", () -> Aiocop.registerBlockingEvent(null, 1), "name"),
                iae("registerBlockingEvent(blank, 1)", () -> Aiocop.registerBlockingEvent("  ", 1), "name",
                        "must not be blank"),
                iae("registerBlockingEvent(empty, 1)", () -> Aiocop.registerBlockingEvent("", 1), "name",
                        "must not be blank"),
                iae("registerBlockingEvent(x, -1)", () -> Aiocop.registerBlockingEvent("x", -1), "weight", ">= 0",
                        "-1"),
                iae("registerBlockingEvent(x, MIN_VALUE)", () -> Aiocop.registerBlockingEvent("x", Integer.MIN_VALUE),
                        "weight", ">= 0"),
                npe("audit(null, x)", () -> Aiocop.audit(null, "x"), "name"),
                iae("audit(blank, x)", () -> Aiocop.audit(" ", "x"), "name", "must not be blank"),
                iae("audit(unregistered, x)", () -> Aiocop.audit("no.such.event", "x"), "name",
                        "registered blocking event", "no.such.event"),
                // Minimum call duration and the stall watchdog
                iae("setMinBlockingCallDurationMicros(-1)", () -> Aiocop.setMinBlockingCallDurationMicros(-1),
                        "micros must be in [0, ", "was -1"),
                iae("setMinBlockingCallDurationMicros(MAX_VALUE)",
                        () -> Aiocop.setMinBlockingCallDurationMicros(Long.MAX_VALUE), "micros", "was " + Long.MAX_VALUE),
                iae("setStallThresholdMs(-1)", () -> Aiocop.setStallThresholdMs(-1), "thresholdMs must be in [0, ",
                        "was -1"),
                iae("setStallThresholdMs(MAX_VALUE)", () -> Aiocop.setStallThresholdMs(Long.MAX_VALUE),
                        "thresholdMs", "was " + Long.MAX_VALUE),
                npe("registerStallCallback(null)", () -> Aiocop.registerStallCallback(null), "callback"),
                npe("unregisterStallCallback(null)", () -> Aiocop.unregisterStallCallback(null), "callback"),
                npe("StallEvent(executorName null)", () -> new StallEvent(null, "t", 1, Thread.State.BLOCKED,
                        List.of(), null, null, false, Map.of()), "executorName"),
                iae("StallEvent(stalledMs NaN)", () -> new StallEvent("e", "t", Double.NaN, Thread.State.BLOCKED,
                        List.of(), null, null, false, Map.of()), "stalledMs", "finite", "NaN"),
                iae("StallEvent(stalledMs -1)", () -> new StallEvent("e", "t", -1, Thread.State.BLOCKED,
                        List.of(), null, null, false, Map.of()), "stalledMs", ">= 0", "-1"),
                npe("BlockingEventInfo.of(operation null)", () -> BlockingEventInfo.of(null, "", List.of(), "e", 1,
                        -1, false, BlockingEventInfo.Source.AUDIT), "operation"),
                iae("BlockingEventInfo.of(durationNanos -2)", () -> BlockingEventInfo.of("open", "", List.of(), "e",
                        1, -2, false, BlockingEventInfo.Source.AUDIT), "durationNanos", "-1 when unknown", "was -2"),
                npe("BlockingEventInfo.of(source null)", () -> BlockingEventInfo.of("open", "", List.of(), "e", 1,
                        -1, false, null), "source"),
                // Callbacks and context providers
                npe("registerSlowTaskCallback(null)", () -> Aiocop.registerSlowTaskCallback(null), "callback"),
                npe("unregisterSlowTaskCallback(null)", () -> Aiocop.unregisterSlowTaskCallback(null), "callback"),
                npe("registerContextProvider(null)", () -> Aiocop.registerContextProvider(null), "provider"),
                npe("unregisterContextProvider(null)", () -> Aiocop.unregisterContextProvider(null), "provider"),
                // Severity
                npe("calculateIoSeverityScore(null)", () -> Aiocop.calculateIoSeverityScore(null), "events"),
                new Case("calculateIoSeverityScore([e, null])", NullPointerException.class,
                        () -> Aiocop.calculateIoSeverityScore(withNull), List.of("events", "must not contain null",
                        "index 1")),
                // Default reporter
                npe("setDefaultReporterInterval(null)", () -> Aiocop.setDefaultReporterInterval(null), "interval"),
                iae("setDefaultReporterInterval(0)", () -> Aiocop.setDefaultReporterInterval(Duration.ZERO),
                        "interval must be > 0, was PT0S"),
                iae("setDefaultReporterInterval(-1 s)", () -> Aiocop.setDefaultReporterInterval(Duration.ofSeconds(-1)),
                        "interval", "> 0", "PT-1S"),
                // Allowances: binary class names and method names
                npe("allowBlockingCallsInside(null, m)", () -> Aiocop.allowBlockingCallsInside(null, "m"), "className"),
                npe("allowBlockingCallsInside(C, null)", () -> Aiocop.allowBlockingCallsInside("com.acme.C", null),
                        "methodName"),
                iae("allowBlockingCallsInside(a b.C, m)", () -> Aiocop.allowBlockingCallsInside("a b.C", "m"),
                        "className", "binary class name", "'a b.C'"),
                iae("allowBlockingCallsInside(1bad, m(x))", () -> Aiocop.allowBlockingCallsInside("1bad", "m(x)"),
                        "className", "binary class name", "'1bad'"),
                iae("allowBlockingCallsInside(a/B, m;)", () -> Aiocop.allowBlockingCallsInside("a/B", "m;"),
                        "className", "binary class name", "'a/B'"),
                iae("allowBlockingCallsInside(a..B, m)", () -> Aiocop.allowBlockingCallsInside("a..B", "m"),
                        "className", "binary class name"),
                iae("allowBlockingCallsInside(a.B., m)", () -> Aiocop.allowBlockingCallsInside("a.B.", "m"),
                        "className", "binary class name"),
                iae("allowBlockingCallsInside(blank, m)", () -> Aiocop.allowBlockingCallsInside(" ", "m"),
                        "className", "binary class name"),
                iae("allowBlockingCallsInside(C, m(x))", () -> Aiocop.allowBlockingCallsInside("com.acme.C", "m(x)"),
                        "methodName", "Java identifier", "'m(x)'"),
                iae("allowBlockingCallsInside(C, <init>)",
                        () -> Aiocop.allowBlockingCallsInside("com.acme.C", "<init>"), "methodName",
                        "constructors cannot be named"),
                iae("allowBlockingCallsInside(C, empty)", () -> Aiocop.allowBlockingCallsInside("com.acme.C", ""),
                        "methodName", "Java identifier"),
                iae("disallowBlockingCallsInside(a b.C, m)", () -> Aiocop.disallowBlockingCallsInside("a b.C", "m"),
                        "className", "binary class name"),
                iae("disallowBlockingCallsInside(C, m;)", () -> Aiocop.disallowBlockingCallsInside("com.acme.C", "m;"),
                        "methodName", "Java identifier"),
                npe("disallowBlockingCallsInside(null, m)", () -> Aiocop.disallowBlockingCallsInside(null, "m"),
                        "className"),
                // Functions to patch
                npe("registerFunctionToPatch(null, 1)", () -> Aiocop.registerFunctionToPatch(null, 1), "spec"),
                iae("registerFunctionToPatch(no hash)", () -> Aiocop.registerFunctionToPatch("com.acme.C", 1), "spec",
                        "com.acme.Class#method"),
                iae("registerFunctionToPatch(a b.C#m)", () -> Aiocop.registerFunctionToPatch("a b.C#m", 1), "spec",
                        "com.acme.Class#method"),
                iae("registerFunctionToPatch(C#m(x))", () -> Aiocop.registerFunctionToPatch("com.acme.C#m(x)", 1),
                        "spec", "com.acme.Class#method"),
                iae("registerFunctionToPatch(C#m#n)", () -> Aiocop.registerFunctionToPatch("com.acme.C#m#n", 1),
                        "spec", "com.acme.Class#method"),
                iae("registerFunctionToPatch(JDK class)", () -> Aiocop.registerFunctionToPatch("java.io.File#exists", 1),
                        "java.io.File#exists", "JDK"),
                iae("registerFunctionToPatch(missing class)",
                        () -> Aiocop.registerFunctionToPatch("com.acme.Missing#m", 1), "com.acme.Missing", "not found"),
                iae("registerFunctionToPatch(missing method)",
                        () -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient#nope", 1), "no method named nope"),
                iae("registerFunctionToPatch(C#query, -1)",
                        () -> Aiocop.registerFunctionToPatch("com.acme.LegacyClient#query", -1), "weight", ">= 0", "-1"),
                // TaskMonitor
                npe("TaskMonitor.builder(null)", () -> TaskMonitor.builder(null), "name"),
                iae("TaskMonitor.builder(blank)", () -> TaskMonitor.builder(" "), "name must not be blank, was ' '"),
                iae("builder.thresholdMs(0)", () -> builder.thresholdMs(0), "thresholdMs must be > 0, was 0"),
                iae("builder.traceDepth(-1)", () -> builder.traceDepth(-1), "traceDepth", "[0, 1024]", "-1"),
                iae("builder.traceDepth(1025)", () -> builder.traceDepth(1025), "traceDepth", "[0, 1024]", "1025"),
                npe("builder.ticker(null)", () -> builder.ticker(null), "ticker"),
                npe("builder.withName(null)", () -> builder.withName(null), "name"),
                iae("builder.withName(empty)", () -> builder.withName(""), "name", "must not be blank"),
                // SlowTaskEvent
                iae("SlowTaskEvent(elapsedMs NaN)", () -> slowTask(Double.NaN, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"), "elapsedMs",
                        "finite number >= 0", "NaN"),
                iae("SlowTaskEvent(elapsedMs -1)", () -> slowTask(-1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"), "elapsedMs", ">= 0", "-1.0"),
                iae("SlowTaskEvent(elapsedMs infinite)", () -> slowTask(Double.POSITIVE_INFINITY, 30, 10,
                        SeverityLevel.MEDIUM, SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"),
                        "elapsedMs", "finite", "Infinity"),
                iae("SlowTaskEvent(thresholdMs 0)", () -> slowTask(1, 0, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"), "thresholdMs must be > 0, was 0"),
                iae("SlowTaskEvent(severityScore -1)", () -> slowTask(1, 30, -1, SeverityLevel.LOW,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"), "severityScore must be >= 0, was -1"),
                iae("SlowTaskEvent(HIGH for score 10)", () -> slowTask(1, 30, 10, SeverityLevel.HIGH,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"),
                        "severityLevel must be MEDIUM for severityScore 10, was HIGH"),
                npe("SlowTaskEvent(severityLevel null)", () -> slowTask(1, 30, 10, null,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, "loop"), "severityLevel"),
                npe("SlowTaskEvent(reason null)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM, null,
                        List.of(EVENT), 0, "loop"), "reason"),
                iae("SlowTaskEvent(CPU_BLOCKING with an event)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.CPU_BLOCKING, List.of(EVENT), 0, "loop"), "reason must be IO_BLOCKING",
                        "was CPU_BLOCKING"),
                iae("SlowTaskEvent(IO_BLOCKING without events)", () -> slowTask(40, 30, 0, SeverityLevel.LOW,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(), 0, "loop"), "reason must be CPU_BLOCKING",
                        "was IO_BLOCKING"),
                npe("SlowTaskEvent(blockingEvents null)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, null, 0, "loop"), "blockingEvents"),
                new Case("SlowTaskEvent(blockingEvents [e, null])", NullPointerException.class,
                        () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM, SlowTaskEvent.Reason.IO_BLOCKING, withNull, 0,
                                "loop"), List.of("blockingEvents", "must not contain null", "index 1")),
                npe("SlowTaskEvent(context null)", () -> new SlowTaskEvent(1, 30, false, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), null, 0, "loop", "loop"), "context"),
                iae("SlowTaskEvent(droppedEvents -1)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), -1, "loop"), "droppedEvents must be >= 0, was -1"),
                npe("SlowTaskEvent(executorName null)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, null), "executorName"),
                iae("SlowTaskEvent(executorName blank)", () -> slowTask(1, 30, 10, SeverityLevel.MEDIUM,
                        SlowTaskEvent.Reason.IO_BLOCKING, List.of(EVENT), 0, " "), "executorName", "must not be blank"),
                // HighSeverityBlockingIoException
                iae("HighSeverityBlockingIoException(score 10)",
                        () -> new HighSeverityBlockingIoException(10, 1, List.of(EVENT)),
                        "severityScore must be >= 50 (high), was 10"),
                iae("HighSeverityBlockingIoException(score -1)",
                        () -> new HighSeverityBlockingIoException(-1, 1, List.of(EVENT)), "severityScore", ">= 50"),
                iae("HighSeverityBlockingIoException(elapsedMs NaN)",
                        () -> new HighSeverityBlockingIoException(60, Double.NaN, List.of(EVENT)), "elapsedMs",
                        "finite number >= 0", "NaN"),
                iae("HighSeverityBlockingIoException(elapsedMs -0.5)",
                        () -> new HighSeverityBlockingIoException(60, -0.5, List.of(EVENT)), "elapsedMs", ">= 0",
                        "-0.5"),
                npe("HighSeverityBlockingIoException(events null)",
                        () -> new HighSeverityBlockingIoException(60, 1, null), "events"),
                new Case("HighSeverityBlockingIoException(events [e, null])", NullPointerException.class,
                        () -> new HighSeverityBlockingIoException(60, 1, withNull),
                        List.of("events", "must not contain null", "index 1")));
    }

    private static SlowTaskEvent slowTask(double elapsedMs, long thresholdMs, int score, SeverityLevel level,
            SlowTaskEvent.Reason reason, List<BlockingEventInfo> events, int dropped, String executor) {
        return new SlowTaskEvent(elapsedMs, thresholdMs, elapsedMs >= thresholdMs, score, level, reason, events,
                Map.of(), dropped, executor, executor);
    }

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(CALLBACK);
        Aiocop.registerContextProvider(Map::of);
    }

    @AfterEach
    void tearDown() {
        AiocopReset.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badArgumentIsRefusedNamingItAndWhatWasExpectedAndChangesNothing(Case bad) {
        State before = State.now();

        Throwable thrown = catchThrowable(bad.body());

        assertThat(thrown).as(bad.call()).isExactlyInstanceOf(bad.type());
        for (String mention : bad.mentions()) {
            assertThat(thrown.getMessage()).as(bad.call()).contains(mention);
        }
        assertThat(State.now()).as(bad.call()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validNames")
    void validBinaryNamesAreAccepted(String className) {
        // Classes that do not exist: the allowances stay in the rules but never instrument anything.
        Aiocop.allowBlockingCallsInside(className, "run$1");
        Aiocop.disallowBlockingCallsInside(className, "\u00b5etric");
        assertThat(BlockingCallAgent.isTarget(className)).isTrue();
    }

    static Stream<String> validNames() {
        return Stream.of("Top", "com.acme.Cache$Loader", "com.acme.Outer$1", "_x.$y.Z9", "\u00fcn\u00efcode.Klasse");
    }
}
