package io.aiocop.junit;

import io.aiocop.Aiocop;
import io.aiocop.BlockingEventInfo;
import io.aiocop.SlowTaskCallback;
import io.aiocop.SlowTaskEvent;
import io.aiocop.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link DetectBlockingCalls}: before each test it starts blocking-call detection
 * and collects every report of the monitored executors; after the test it fails the test with a readable list
 * of the offending tasks (call, weight, application line) when any report reaches the configured level.
 *
 * <p>Reports are collected JVM-wide, so run such tests sequentially (JUnit's default). A report is seen when
 * its task ended before the test method returned.
 *
 * <p>The extension installs aiocop's agent itself, once per JVM, before the first test it runs
 * ({@code Aiocop.patchAuditFunctions()}, unless the JVM was started with {@code -javaagent:aiocop-core.jar}). Where
 * the agent cannot be installed (self-attach not allowed, no {@code jdk.attach} module,
 * {@code -XX:+DisableAttachMechanism}) every test it runs fails with a message that names the JVM flags to set,
 * since a blocking call would otherwise go unseen and the test pass. The flags per JDK, for Maven's surefire
 * {@code argLine}: {@code -Djdk.attach.allowAttachSelf=true} on Java 17 to 20, and
 * {@code -Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading} on Java 21 and later; or
 * {@code -javaagent:<path to aiocop-core.jar>} on any of them.
 */
public final class AiocopExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AiocopExtension.class);
    private static final String COLLECTOR = "collector";

    /**
     * Creates the extension; JUnit does this for {@link DetectBlockingCalls}.
     */
    public AiocopExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Checks.requireNonNull(context, "context");
        AgentInstall.ensureInstalled();
        if (!Aiocop.isBlockingIoDetectionStarted()) {
            Aiocop.startBlockingIoDetection();
        }
        Collector collector = new Collector();
        Aiocop.registerSlowTaskCallback(collector);
        context.getStore(NAMESPACE).put(COLLECTOR, collector);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Checks.requireNonNull(context, "context");
        Collector collector = context.getStore(NAMESPACE).remove(COLLECTOR, Collector.class);
        if (collector == null) {
            return;
        }
        Aiocop.unregisterSlowTaskCallback(collector);
        DetectBlockingCalls settings = settings(context);
        List<SlowTaskEvent> offending = collector.reports.stream()
                .filter(e -> violates(e, settings))
                .toList();
        if (!offending.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError(describe(offending, settings));
        }
    }

    private static DetectBlockingCalls settings(ExtensionContext context) {
        return context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, DetectBlockingCalls.class))
                .or(() -> context.getTestClass()
                        .flatMap(c -> AnnotationSupport.findAnnotation(c, DetectBlockingCalls.class)))
                .orElse(Defaults.ANNOTATION);
    }

    static boolean violates(SlowTaskEvent event, DetectBlockingCalls settings) {
        if (event.reason() == SlowTaskEvent.Reason.CPU_BLOCKING) {
            return settings.failOnSlowTasks();
        }
        return event.severityLevel().compareTo(settings.failOn()) >= 0;
    }

    static String describe(List<SlowTaskEvent> offending, DetectBlockingCalls settings) {
        StringBuilder message = new StringBuilder();
        message.append(offending.size()).append(offending.size() == 1 ? " task" : " tasks")
                .append(" on monitored executors blocked or stalled (fail on ")
                .append(settings.failOn().label()).append(settings.failOnSlowTasks() ? " and slow tasks" : "")
                .append("):");
        for (SlowTaskEvent e : offending) {
            message.append(String.format(Locale.ROOT, "%n  [%s] %s, %.1f ms, severity %d (%s)", e.executorName(),
                    e.reason().label(), e.elapsedMs(), e.severityScore(), e.severityLevel().label()));
            for (BlockingEventInfo call : e.blockingEvents()) {
                message.append(String.format(Locale.ROOT, "%n    %s weight %d at %s", call.event(), call.severity(),
                        call.entryPoint()));
            }
        }
        return message.toString();
    }

    /** Keeps the reports of one test; called on loop threads. */
    private static final class Collector implements SlowTaskCallback {
        final List<SlowTaskEvent> reports = new CopyOnWriteArrayList<>();

        @Override
        public void onSlowTask(SlowTaskEvent event) {
            reports.add(event);
        }
    }

    /** Installs the agent once per JVM; a failure is kept and fails every later test at once, without retrying. */
    static final class AgentInstall {
        private static final Object LOCK = new Object();
        private static String failure;

        private AgentInstall() {
        }

        static void ensureInstalled() {
            if (Aiocop.isAuditFunctionsPatched()) {
                return;
            }
            synchronized (LOCK) {
                if (failure == null && !Aiocop.isAuditFunctionsPatched()) {
                    try {
                        Aiocop.patchAuditFunctions();
                    } catch (RuntimeException | LinkageError e) {
                        failure = howToFix(String.valueOf(e.getMessage()), Runtime.version().feature());
                    }
                }
                if (failure != null) {
                    throw new ExtensionConfigurationException(failure);
                }
            }
        }

        static String howToFix(String cause, int javaFeature) {
            String selfAttach = javaFeature >= 21 ? "-Djdk.attach.allowAttachSelf=true -XX:+EnableDynamicAgentLoading"
                    : "-Djdk.attach.allowAttachSelf=true";
            return "@DetectBlockingCalls needs aiocop's agent to see blocking JDK calls, and it could not be installed"
                    + " in this JVM, so this test fails rather than pass without checking. To fix it, start the test"
                    + " JVM (Java " + javaFeature + ") with " + selfAttach + " (Maven: <argLine>" + selfAttach
                    + "</argLine> in maven-surefire-plugin's configuration), on a JDK that has the jdk.attach module"
                    + " and without -XX:+DisableAttachMechanism; or with -javaagent:<path to aiocop-core.jar>."
                    + " Cause: " + cause;
        }
    }

    /** Holds the annotation with default values, for {@code @ExtendWith(AiocopExtension.class)} alone. */
    @DetectBlockingCalls
    private static final class Defaults {
        static final DetectBlockingCalls ANNOTATION = Defaults.class.getAnnotation(DetectBlockingCalls.class);
    }
}
