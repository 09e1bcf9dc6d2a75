package io.aiocop.micrometer;

/**
 * Every meter {@link AiocopMetrics} registers, with its name, base unit and tag keys in one place. Prometheus names
 * follow from Micrometer's naming convention: {@code aiocop.loop.lag} in seconds is {@code aiocop_loop_lag_seconds},
 * a counter gains {@code _total}.
 */
public enum AiocopMeter {

    /**
     * Reported tasks; tags {@code group}, {@code executor}, {@code reason}, {@code severity}, {@code exceeded}.
     * Prometheus: {@code aiocop_tasks_reported_total}.
     */
    TASKS_REPORTED("aiocop.tasks.reported", null, "Tasks that blocked or ran past their threshold"),

    /** Duration of reported tasks (a timer); tags {@code group}, {@code executor}, {@code reason}. */
    TASK_DURATION("aiocop.task.duration", null, "How long reported tasks ran"),

    /**
     * Blocking calls recorded in reported tasks; tags {@code group}, {@code executor}, {@code operation}. Calls past
     * the per-task cap are counted under the operation {@code dropped}.
     */
    BLOCKING_CALLS("aiocop.blocking.calls", "calls", "Blocking calls made on monitored executors"),

    /** Callbacks, context providers and task contexts that threw or returned null. */
    CALLBACK_FAILURES("aiocop.callback.failures", "failures", "Failures of aiocop callbacks and context providers"),

    /** 1 while monitoring is active, 0 while deactivated. */
    MONITORING_ACTIVE("aiocop.monitoring.active", null, "Whether aiocop monitoring is active"),

    /** Tasks a loop has run, reported or not (a function counter); tags {@code group}, {@code loop}. */
    LOOP_TASKS("aiocop.loop.tasks", "tasks", "Tasks the loop has run, reported or not"),

    /** Time a loop has spent in tasks (a function counter); tags {@code group}, {@code loop}. */
    LOOP_TASK_TIME("aiocop.loop.task.time", "seconds", "Time the loop has spent in tasks"),

    /**
     * Task-duration percentiles of the tasks that ended since the previous scrape (gauges); tags {@code group},
     * {@code loop}, {@code quantile} ({@code 0.5}, {@code 0.9}, {@code 0.99}, {@code 0.999}).
     */
    LOOP_TASK_DURATION("aiocop.loop.task.duration", "seconds", "Task-duration percentile since the previous scrape"),

    /** The longest task that ended since the previous scrape (a gauge); tags {@code group}, {@code loop}. */
    LOOP_TASK_DURATION_MAX("aiocop.loop.task.duration.max", "seconds", "Longest task since the previous scrape"),

    /** Time a loop has spent processing I/O (a function counter); tags {@code group}, {@code loop}. */
    LOOP_IO_TIME("aiocop.loop.io.time", "seconds", "Time the loop has spent processing I/O"),

    /**
     * I/O iterations (a wait and what follows it) a loop has run (a function counter); tags {@code group},
     * {@code loop}.
     */
    LOOP_ITERATIONS("aiocop.loop.iterations", "iterations", "I/O iterations the loop has run"),

    /**
     * Fraction of the time since the previous scrape a loop spent in tasks or I/O, 0 to 1 (a gauge); tags
     * {@code group}, {@code loop}.
     */
    LOOP_UTILIZATION("aiocop.loop.utilization", null, "Fraction of time the loop was busy since the previous scrape"),

    /** Tasks waiting in a loop's queue now (a gauge); tags {@code group}, {@code loop}. */
    LOOP_TASKS_PENDING("aiocop.loop.tasks.pending", null, "Tasks waiting in the loop's queue"),

    /**
     * How late the loop's latest lag probe ran, or how overdue the next one is if more (a gauge); NaN where the loop
     * runs no probe; tags {@code group}, {@code loop}.
     */
    LOOP_LAG("aiocop.loop.lag", "seconds", "How late a task due now runs on the loop"),

    /** The largest lag since the previous scrape (a gauge); NaN where the loop runs no probe; tags as above. */
    LOOP_LAG_MAX("aiocop.loop.lag.max", "seconds", "Largest loop lag since the previous scrape"),

    /**
     * Stall episodes: tasks the stall watchdog reported while stuck, once per task however often it is reported;
     * tags {@code group}, {@code loop}.
     */
    STALLS("aiocop.stalls", "stalls", "Tasks that stalled a loop past the stall threshold");

    /** Tag key: the name of the group the executor belongs to. */
    public static final String TAG_GROUP = "group";
    /** Tag key: the monitored loop's (executor's) name, on the per-loop meters. */
    public static final String TAG_LOOP = "loop";
    /** Tag key: the quantile of {@link #LOOP_TASK_DURATION}, e.g. {@code 0.99}. */
    public static final String TAG_QUANTILE = "quantile";
    /** Tag key: the monitored executor's name, on the meters of reported tasks. */
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
