package io.aiocop.micrometer;

/**
 * Every meter {@link AiocopMetrics} registers, with its name, base unit and tag keys in one place.
 */
public enum AiocopMeter {

    /** Reported tasks; tags {@code executor}, {@code reason}, {@code severity}, {@code exceeded}. */
    TASKS_REPORTED("aiocop.tasks.reported", "tasks", "Tasks that blocked or ran past their threshold"),

    /** Duration of reported tasks; tags {@code executor}, {@code reason}. */
    TASK_DURATION("aiocop.task.duration", null, "How long reported tasks ran"),

    /**
     * Blocking calls recorded in reported tasks; tags {@code executor}, {@code operation}. Calls past the per-task
     * cap are counted under the operation {@code dropped}.
     */
    BLOCKING_CALLS("aiocop.blocking.calls", "calls", "Blocking calls made on monitored executors"),

    /** Callbacks, context providers and task contexts that threw or returned null. */
    CALLBACK_FAILURES("aiocop.callback.failures", "failures", "Failures of aiocop callbacks and context providers"),

    /** 1 while monitoring is active, 0 while deactivated. */
    MONITORING_ACTIVE("aiocop.monitoring.active", null, "Whether aiocop monitoring is active");

    /** Tag key: the monitored executor's name. */
    public static final String TAG_EXECUTOR = "executor";
    /** Tag key: {@code io_blocking} or {@code cpu_blocking}. */
    public static final String TAG_REASON = "reason";
    /** Tag key: {@code low}, {@code medium} or {@code high}. */
    public static final String TAG_SEVERITY = "severity";
    /** Tag key: whether the task ran past its threshold, {@code true} or {@code false}. */
    public static final String TAG_EXCEEDED = "exceeded";
    /** Tag key: the blocking operation's registry name, e.g. {@code open}, {@code connect}. */
    public static final String TAG_OPERATION = "operation";

    private final String meterName;
    private final String baseUnit;
    private final String description;

    AiocopMeter(String meterName, String baseUnit, String description) {
        this.meterName = meterName;
        this.baseUnit = baseUnit;
        this.description = description;
    }

    /**
     * Returns the meter's name.
     *
     * @return the dotted lower-case name
     */
    public String meterName() {
        return meterName;
    }

    /**
     * Returns the meter's base unit.
     *
     * @return the unit, or null for a timer or a plain gauge
     */
    public String baseUnit() {
        return baseUnit;
    }

    /**
     * Returns the meter's description.
     *
     * @return one sentence
     */
    public String description() {
        return description;
    }
}
