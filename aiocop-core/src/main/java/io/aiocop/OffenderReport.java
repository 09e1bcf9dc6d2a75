package io.aiocop;

import io.aiocop.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Who blocks the event loops most: an immutable snapshot of every reported task and stall since start-up or the
 * last {@link Aiocop#resetReport()}, one {@link Row} per call site, from {@link Aiocop#report()}.
 *
 * <p>A call site is a {@link Kind}, an operation and an entry point (the application frame):
 * <ul>
 *   <li>{@link Kind#BLOCKING_CALL}: a blocking call ({@link BlockingEventInfo}) keyed by its
 *       {@linkplain BlockingEventInfo#operation() operation}, {@linkplain BlockingEventInfo#entryPoint() entry point}
 *       and {@linkplain BlockingEventInfo#source() source} (an instrumented and a sampled call at one line are two
 *       rows: only the first has a duration);</li>
 *   <li>{@link Kind#STALL}: a task the stall watchdog reported while it ran ({@link StallEvent}), keyed by the top
 *       application frame of the loop thread's stack at its first report, operation {@code stall};</li>
 *   <li>{@link Kind#CPU_BLOCKING}: a task that ran past its threshold without a blocking call, keyed by the
 *       application frame of its most frequent {@linkplain SlowTaskEvent#cpuStackSamples() CPU stack sample},
 *       operation {@code cpu}; a task with no sample has no stack, so its row is its executor's, entry point
 *       {@code executor <name>}.</li>
 * </ul>
 *
 * <p>Rows are sorted by impact, the most harmful first: the total time of the tasks the row was seen in (how long
 * it held loops), then the total weight, then the count, then kind, operation and entry point (so that the order
 * is stable). A task with calls at two sites counts in both rows; a stalled task counts in its stall row and, when
 * it ends and is reported, in the rows of its calls (or its executor's CPU row).
 *
 * <p>Memory is bounded: at most {@link Aiocop#getReportMaxCallSites()} rows. What happens at a call site first seen
 * after the cap was reached is counted in the {@code other...} totals ({@link #otherCount()} and the like), never
 * lost. Calls dropped by the per-task cap ({@link SlowTaskEvent#droppedEvents()}) have no known site and are
 * counted in {@link #droppedCalls()}.
 *
 * <p>{@link #toText()} (also {@link #toString()}) renders an aligned table for people, {@link #toJson()} a JSON
 * object for machines.
 */
public final class OffenderReport {

    /** What kind of offence a row counts. */
    public enum Kind {
        /** Blocking calls at one call site. */
        BLOCKING_CALL,
        /** Tasks the stall watchdog reported while they ran. */
        STALL,
        /** Tasks that ran past their threshold without a blocking call. */
        CPU_BLOCKING;

        /**
         * Returns the lower-case name used in the text and JSON renderings.
         *
         * @return {@code blocking_call}, {@code stall} or {@code cpu_blocking}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One call site and what was seen there.
     *
     * @param kind              what kind of offence the row counts
     * @param operation         the blocking call's registry name ({@code open}, {@code sleep}, ...), {@code stall}
     *                          or {@code cpu}
     * @param entryPoint        the application frame, as {@link BlockingEventInfo#entryPoint()} writes it
     *                          ({@code com.acme.Handler.read(Handler.java:42)}), or {@code executor <name>} for a
     *                          {@link Kind#CPU_BLOCKING} row without CPU samples
     * @param source            how the calls were learned of; {@link BlockingEventInfo.Source#SAMPLED} for a stall
     *                          (the watchdog's live stack); null for a {@link Kind#CPU_BLOCKING} row, which no call
     *                          produced
     * @param count             blocking calls at the site (several per task count several times), stalls, or CPU
     *                          tasks
     * @param totalWeight       the sum of the calls' weights; 0 for stalls and CPU tasks
     * @param tasksAffected     how many tasks the row was seen in
     * @param totalTaskTimeMs   the summed elapsed time of those tasks, in milliseconds (for a stall: how long it
     *                          has run so far, or ran)
     * @param maxTaskTimeMs     the longest of those tasks, in milliseconds
     * @param maxCallDurationMs the longest call at the site, in milliseconds, where known ({@code -1} when no
     *                          call's duration is known: sampled, audit or refused calls, stalls, CPU tasks)
     * @param lastDetail        the detail of the last call seen (a path, an address, a duration), for a stall the
     *                          thread's state and the lock it waits for; may be empty
     * @param lastSeen          when the site was last seen (the wall clock when the task or stall was reported)
     */
    public record Row(Kind kind, String operation, String entryPoint, BlockingEventInfo.Source source, long count,
            long totalWeight, long tasksAffected, double totalTaskTimeMs, double maxTaskTimeMs,
            double maxCallDurationMs, String lastDetail, Instant lastSeen) {

        /**
         * Validates the components.
         *
         * @param kind see the record's {@code kind}
         * @param operation see the record's {@code operation}
         * @param entryPoint see the record's {@code entryPoint}
         * @param source see the record's {@code source}
         * @param count see the record's {@code count}
         * @param totalWeight see the record's {@code totalWeight}
         * @param tasksAffected see the record's {@code tasksAffected}
         * @param totalTaskTimeMs see the record's {@code totalTaskTimeMs}
         * @param maxTaskTimeMs see the record's {@code maxTaskTimeMs}
         * @param maxCallDurationMs see the record's {@code maxCallDurationMs}
         * @param lastDetail see the record's {@code lastDetail}
         * @param lastSeen see the record's {@code lastSeen}
         * @throws NullPointerException     when a component other than {@code source} is null
         * @throws IllegalArgumentException when a count or time is negative (a call duration may be {@code -1})
         */
        public Row {
            Checks.requireNonNull(kind, "kind");
            Checks.requireNonNull(operation, "operation");
            Checks.requireNonNull(entryPoint, "entryPoint");
            Checks.requireNonNegative(count, "count");
            Checks.requireNonNegative(totalWeight, "totalWeight");
            Checks.requireNonNegative(tasksAffected, "tasksAffected");
            Checks.requireFiniteNonNegative(totalTaskTimeMs, "totalTaskTimeMs");
            Checks.requireFiniteNonNegative(maxTaskTimeMs, "maxTaskTimeMs");
            Checks.requireFiniteNonNegativeOrUnknown(maxCallDurationMs, "maxCallDurationMs");
            Checks.requireNonNull(lastDetail, "lastDetail");
            Checks.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /** The order of {@link #rows()}: the most harmful first; see the class comment. */
    static final Comparator<Row> IMPACT = Comparator.comparingDouble(Row::totalTaskTimeMs).reversed()
            .thenComparing(Comparator.comparingLong(Row::totalWeight).reversed())
            .thenComparing(Comparator.comparingLong(Row::count).reversed())
            .thenComparing(Row::kind)
            .thenComparing(Row::operation)
            .thenComparing(Row::entryPoint);

    private final Instant since;
    private final Instant takenAt;
    private final int maxCallSites;
    private final long reportedTasks;
    private final long stalls;
    private final long droppedCalls;
    private final List<Row> rows;
    private final long otherCount;
    private final long otherWeight;
    private final long otherTasksAffected;
    private final double otherTaskTimeMs;

    OffenderReport(Instant since, Instant takenAt, int maxCallSites, long reportedTasks, long stalls,
            long droppedCalls, List<Row> rows, long otherCount, long otherWeight, long otherTasksAffected,
            double otherTaskTimeMs) {
        this.since = since;
        this.takenAt = takenAt;
        this.maxCallSites = maxCallSites;
        this.reportedTasks = reportedTasks;
        this.stalls = stalls;
        this.droppedCalls = droppedCalls;
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(IMPACT);
        this.rows = List.copyOf(sorted);
        this.otherCount = otherCount;
        this.otherWeight = otherWeight;
        this.otherTasksAffected = otherTasksAffected;
        this.otherTaskTimeMs = otherTaskTimeMs;
    }

    /**
     * Returns the call sites, the most harmful first (see the class comment for the order).
     *
     * @return an immutable list, at most {@link #maxCallSites()} long
     */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Returns when aggregation began: start-up or the last {@link Aiocop#resetReport()}.
     *
     * @return the instant
     */
    public Instant since() {
        return since;
    }

    /**
     * Returns when this snapshot was taken.
     *
     * @return the instant
     */
    public Instant takenAt() {
        return takenAt;
    }

    /**
     * Returns the cap on rows that was in force when the snapshot was taken.
     *
     * @return {@link Aiocop#getReportMaxCallSites()} at the time
     */
    public int maxCallSites() {
        return maxCallSites;
    }

    /**
     * Returns how many reported tasks were aggregated (each {@link SlowTaskEvent} once).
     *
     * @return the number of tasks
     */
    public long reportedTasks() {
        return reportedTasks;
    }

    /**
     * Returns how many stalls were aggregated (each stalled task once, however often it was reported).
     *
     * @return the number of stalls
     */
    public long stalls() {
        return stalls;
    }

    /**
     * Returns how many blocking calls were dropped by the per-task cap ({@link SlowTaskEvent#droppedEvents()}):
     * they added to their tasks' scores, but their call sites are unknown.
     *
     * @return the number of dropped calls
     */
    public long droppedCalls() {
        return droppedCalls;
    }

    /**
     * Returns how many calls, stalls and CPU tasks were seen at call sites that did not fit under the cap.
     *
     * @return the count of the "other" call sites
     */
    public long otherCount() {
        return otherCount;
    }

    /**
     * Returns the summed weight of the calls at call sites that did not fit under the cap.
     *
     * @return the weight of the "other" call sites
     */
    public long otherWeight() {
        return otherWeight;
    }

    /**
     * Returns how many tasks and stalls had at least one call site that did not fit under the cap (each once).
     *
     * @return the tasks affected by the "other" call sites
     */
    public long otherTasksAffected() {
        return otherTasksAffected;
    }

    /**
     * Returns the summed time of the tasks and stalls counted in {@link #otherTasksAffected()}, each once.
     *
     * @return the time in milliseconds
     */
    public double otherTaskTimeMs() {
        return otherTaskTimeMs;
    }

    /**
     * Renders the report as an aligned text table, the most harmful call site first, with a header line and, when
     * they are not zero, a line for the call sites over the cap and one for dropped calls.
     *
     * @return the table, lines separated by {@code \n}
     */
    public String toText() {
        StringBuilder text = new StringBuilder(256 + rows.size() * 160);
        text.append("aiocop offender report since ").append(instant(since)).append(": ")
                .append(reportedTasks).append(reportedTasks == 1 ? " reported task, " : " reported tasks, ")
                .append(stalls).append(stalls == 1 ? " stall, " : " stalls, ")
                .append(rows.size()).append(rows.size() == 1 ? " call site" : " call sites")
                .append(" (at most ").append(maxCallSites).append(")\n");
        if (rows.isEmpty() && otherCount == 0) {
            text.append("no offenders\n");
        } else {
            List<String[]> cells = new ArrayList<>(rows.size() + 1);
            cells.add(new String[] {"#", "kind", "operation", "source", "count", "weight", "tasks", "task ms total",
                "task ms max", "call ms max", "last seen", "entry point"});
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                cells.add(new String[] {Integer.toString(i + 1), row.kind().label(), row.operation(),
                    row.source() == null ? "-" : row.source().name().toLowerCase(Locale.ROOT),
                    Long.toString(row.count()), Long.toString(row.totalWeight()), Long.toString(row.tasksAffected()),
                    millis(row.totalTaskTimeMs()), millis(row.maxTaskTimeMs()),
                    row.maxCallDurationMs() < 0 ? "-" : millis(row.maxCallDurationMs()), instant(row.lastSeen()),
                    row.entryPoint()});
            }
            appendAligned(text, cells);
        }
        if (otherCount > 0) {
            text.append("other (call sites over the cap): count ").append(otherCount).append(", weight ")
                    .append(otherWeight).append(", tasks ").append(otherTasksAffected).append(", task ms total ")
                    .append(millis(otherTaskTimeMs)).append('\n');
        }
        if (droppedCalls > 0) {
            text.append("dropped by the per-task cap (call site unknown): ").append(droppedCalls).append(" calls\n");
        }
        return text.toString();
    }

    /** Left-aligns the text columns and right-aligns the numbers; the last column (entry point) is not padded. */
    private static void appendAligned(StringBuilder text, List<String[]> cells) {
        int columns = cells.get(0).length;
        int[] width = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                boolean number = c == 0 || (c >= 4 && c <= 9);
                int pad = width[c] - line[c].length();
                if (c == columns - 1) {
                    text.append(line[c]);
                } else if (number) {
                    text.append(" ".repeat(pad)).append(line[c]).append("  ");
                } else {
                    text.append(line[c]).append(" ".repeat(pad)).append("  ");
                }
            }
            text.append('\n');
        }
    }

    /**
     * Renders the report as one JSON object: {@code since}, {@code takenAt} (ISO-8601 instants),
     * {@code maxCallSites}, {@code reportedTasks}, {@code stalls}, {@code droppedCalls}, {@code other} (an object of
     * {@code count}, {@code totalWeight}, {@code tasksAffected}, {@code totalTaskTimeMs}) and {@code rows}, an array
     * in impact order of objects with the components of {@link Row} under their names; {@code kind} and
     * {@code source} are lower-case labels ({@code source} is null for a CPU row), {@code lastSeen} an instant.
     *
     * @return the JSON text, ASCII only (other characters are escaped)
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(256 + rows.size() * 320);
        json.append("{\"since\":");
        Json.string(json, since.toString());
        json.append(",\"takenAt\":");
        Json.string(json, takenAt.toString());
        json.append(",\"maxCallSites\":").append(maxCallSites)
                .append(",\"reportedTasks\":").append(reportedTasks)
                .append(",\"stalls\":").append(stalls)
                .append(",\"droppedCalls\":").append(droppedCalls)
                .append(",\"other\":{\"count\":").append(otherCount)
                .append(",\"totalWeight\":").append(otherWeight)
                .append(",\"tasksAffected\":").append(otherTasksAffected)
                .append(",\"totalTaskTimeMs\":").append(otherTaskTimeMs)
                .append("},\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(i == 0 ? "{" : ",{").append("\"kind\":");
            Json.string(json, row.kind().label());
            json.append(",\"operation\":");
            Json.string(json, row.operation());
            json.append(",\"entryPoint\":");
            Json.string(json, row.entryPoint());
            json.append(",\"source\":");
            if (row.source() == null) {
                json.append("null");
            } else {
                Json.string(json, row.source().name().toLowerCase(Locale.ROOT));
            }
            json.append(",\"count\":").append(row.count())
                    .append(",\"totalWeight\":").append(row.totalWeight())
                    .append(",\"tasksAffected\":").append(row.tasksAffected())
                    .append(",\"totalTaskTimeMs\":").append(row.totalTaskTimeMs())
                    .append(",\"maxTaskTimeMs\":").append(row.maxTaskTimeMs())
                    .append(",\"maxCallDurationMs\":").append(row.maxCallDurationMs())
                    .append(",\"lastDetail\":");
            Json.string(json, row.lastDetail());
            json.append(",\"lastSeen\":");
            Json.string(json, row.lastSeen().toString());
            json.append('}');
        }
        return json.append("]}").toString();
    }

    /**
     * Returns {@link #toText()}.
     *
     * @return the text table
     */
    @Override
    public String toString() {
        return toText();
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** JSON string escaping, RFC 8259: quotes, backslashes and control characters; non-ASCII as {@code \}u. */
    static final class Json {

        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private Json() {
        }

        static void string(StringBuilder json, String value) {
            json.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    case '\n' -> json.append("\\n");
                    case '\r' -> json.append("\\r");
                    case '\t' -> json.append("\\t");
                    case '\b' -> json.append("\\b");
                    case '\f' -> json.append("\\f");
                    default -> {
                        if (c < 0x20 || c >= 0x7f) {
                            // Also lone surrogates, which would not survive a UTF-8 encoder.
                            json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            json.append('"');
        }
    }
}
