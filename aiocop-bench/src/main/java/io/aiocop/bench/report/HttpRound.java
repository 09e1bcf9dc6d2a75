package io.aiocop.bench.report;

/**
 * One measured round of one variant of the HTTP load benchmark: what wrk counted and what the server process spent.
 *
 * @param round             the round, from 0; every variant runs once per round
 * @param variant           the server's {@code Variant} label
 * @param requests          requests wrk completed in the measured window
 * @param seconds           the measured window's length as wrk reports it
 * @param socketErrors      wrk's connect, read, write and timeout errors, summed (0 in a clean round)
 * @param processCpuNanos   the server process's user + system CPU time in the window ({@code /proc/PID/stat})
 * @param loopCpuNanos      the event-loop thread's CPU time in the window ({@code /proc/PID/task/TID/schedstat})
 * @param serverLogLines    lines the server wrote to stderr during the measured window (0: nothing was reported)
 */
public record HttpRound(int round, String variant, long requests, double seconds, long socketErrors,
                        long processCpuNanos, long loopCpuNanos, long serverLogLines) {

    /**
     * Returns the throughput.
     *
     * @return requests per second
     */
    public double requestsPerSecond() {
        return requests / seconds;
    }

    /**
     * Returns the server process's CPU time per request.
     *
     * @return nanoseconds per request
     */
    public double processCpuPerRequest() {
        return (double) processCpuNanos / requests;
    }

    /**
     * Returns the loop thread's CPU time per request.
     *
     * @return nanoseconds per request
     */
    public double loopCpuPerRequest() {
        return (double) loopCpuNanos / requests;
    }
}
