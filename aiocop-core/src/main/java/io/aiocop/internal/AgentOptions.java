package io.aiocop.internal;

import io.aiocop.Aiocop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The settings of zero-code mode: agent arguments ({@code -javaagent:aiocop-core.jar=thresholdMs=50,traceDepth=20})
 * and system properties ({@code -Daiocop.thresholdMs=50}), applied through the {@link Aiocop} facade before the
 * application's {@code main}, so that the facade's own checks are the only validation and any later
 * {@code Aiocop.*} call of the application wins. A system property wins over an agent argument of the same name (so
 * that an operator can override a packaged {@code JAVA_TOOL_OPTIONS}). A bad value or an unknown name stops
 * nothing: it is logged once, at WARN, naming the value and what was expected, and the default stays in force.
 * Internal, no compatibility promise; the table is documented in the README ("No code at all").
 */
final class AgentOptions {

    private static final Log LOG = Log.get("io.aiocop.agent");

    /** The prefix of the system properties. */
    static final String PROPERTY_PREFIX = "aiocop.";

    /** One setting: its name, its default as written in the README, and how it is applied. */
    record Option(String name, String defaultValue, String expected, Consumer<String> apply) {
    }

    /** Every setting, in the README's order. */
    static final List<Option> OPTIONS = List.of(
            new Option("thresholdMs", "30", "a number of milliseconds > 0",
                    v -> Aiocop.detectSlowTasks(Long.parseLong(v))),
            new Option("detectBlocking", "true", "true or false", v -> {
                if (!bool(v)) {
                    Aiocop.stopBlockingIoDetection();
                }
            }),
            new Option("traceDepth", "20", "a number of frames from 0 to 1024",
                    v -> Aiocop.startBlockingIoDetection(Integer.parseInt(v))),
            new Option("stallThresholdMs", "1000", "a number of milliseconds >= 0 (0 turns stall reports off)",
                    v -> Aiocop.setStallThresholdMs(Long.parseLong(v))),
            new Option("maxEventsPerTask", "50", "a number >= 1",
                    v -> Aiocop.setMaxEventsPerTask(Integer.parseInt(v))),
            new Option("minBlockingCallMicros", "0", "a number of microseconds >= 0",
                    v -> Aiocop.setMinBlockingCallDurationMicros(Long.parseLong(v))),
            new Option("reporter", "true", "true or false", v -> {
                if (bool(v)) {
                    Aiocop.enableDefaultReporter();
                } else {
                    Aiocop.disableDefaultReporter();
                }
            }),
            new Option("reporterIntervalMs", "10000", "a number of milliseconds > 0",
                    v -> Aiocop.setDefaultReporterInterval(Duration.ofMillis(Long.parseLong(v)))),
            new Option("logContext", "false", "true or false", v -> Aiocop.setDefaultReporterLogsContext(bool(v))),
            new Option("raise", "false", "true or false", v -> {
                if (bool(v)) {
                    Aiocop.enableRaiseOnViolations();
                } else {
                    Aiocop.disableRaiseOnViolations();
                }
            }),
            new Option("metrics", "none", "none or global", v -> {
                if (v.equals("global")) {
                    GlobalMetrics.bind();
                } else if (!v.equals("none")) {
                    throw new IllegalArgumentException("not none or global");
                }
            }));

    private AgentOptions() {
    }

    /**
     * Starts detection with the defaults of zero-code mode (blocking-call detection on, 20 frames), then applies
     * each setting given as an agent argument or a system property.
     *
     * @param arguments the agent arguments, {@code name=value} pairs separated by commas; may be null or empty
     */
    static void apply(String arguments) {
        Aiocop.startBlockingIoDetection();
        Map<String, String> given = parse(arguments);
        for (Option option : OPTIONS) {
            String value = System.getProperty(PROPERTY_PREFIX + option.name(), given.remove(option.name()));
            if (value == null) {
                continue;
            }
            try {
                option.apply().accept(value.trim());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("aiocop: ignoring option {}={}: expected {} ({}); the default {} stays in force",
                        option.name(), value, option.expected(), e.toString(), option.defaultValue());
            }
        }
        for (String unknown : given.keySet()) {
            LOG.warn("aiocop: ignoring unknown agent option '{}'; known options: {}", unknown,
                    OPTIONS.stream().map(Option::name).toList());
        }
    }

    /** Splits {@code a=1,b=2}; a pair without {@code =} is logged and skipped. */
    static Map<String, String> parse(String arguments) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return pairs;
        }
        for (String pair : arguments.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                if (!pair.isBlank()) {
                    LOG.warn("aiocop: ignoring agent argument '{}': expected name=value", pair);
                }
                continue;
            }
            pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return pairs;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }
}
