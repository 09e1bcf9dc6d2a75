package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The scenario every framework test runs against its forked application, with the agent: start-up and the first
 * requests on a cold JVM report no blocking call (their first tasks may run past the threshold: class loading and
 * interpretation on the loop, which aiocop truthfully reports as {@code cpu_blocking}, with no blocking call);
 * once warm, idle loops and clean requests report no blocking call (a clean task may still be reported as
 * {@code cpu_blocking} when this shared, noisy host descheduled the loop past the threshold: a timing, which these
 * tests do not assert); the blocking request is reported with its blocking calls and the application's line
 * as call site; and no report ever lists a blocking call that is not the application's.
 */
final class ZeroCodeScenario {

    /** A request to the forked application; returns the answer. */
    @FunctionalInterface
    interface Request {
        String send(boolean blocking) throws Exception;
    }

    private ZeroCodeScenario() {
    }

    /**
     * Runs the scenario.
     *
     * @param app         the application, started with the agent
     * @param request     how to send a clean or a blocking request
     * @param cleanAnswer the clean request's answer
     * @param source      the application's source file name, e.g. {@code VertxApp.java}
     * @param loopThread  a part of the loop threads' names, e.g. {@code vert.x-eventloop-thread}
     * @return the blocking request's report line
     */
    static String run(ForkedApp app, Request request, String cleanAnswer, String source, String loopThread)
            throws Exception {
        int line = app.blockingLine();
        Thread.sleep(500);
        for (int i = 0; i < 20; i++) {
            assertThat(request.send(false)).isEqualTo(cleanAnswer);
        }
        assertThat(app.reports()).as("reports of start-up and of the warm-up's clean requests")
                .allSatisfy(r -> assertThat(r).contains("cpu_blocking").doesNotContain("blocking call"));

        int quiet = app.mark();
        Thread.sleep(1000);
        for (int i = 0; i < 50; i++) {
            assertThat(request.send(false)).isEqualTo(cleanAnswer);
        }
        Thread.sleep(500);
        assertThat(reportsIn(app.since(quiet))).as("reports of idle loops and clean requests on a warm JVM")
                .allSatisfy(r -> assertThat(r).contains("cpu_blocking").doesNotContain("blocking call"));

        int blocking = app.mark();
        assertThat(request.send(true)).isEqualTo("hello from a file");
        app.awaitLine(l -> ForkedApp.REPORT.matcher(l).find() && l.contains(source + ":" + line), 20);
        List<String> reports = reportsIn(app.since(blocking)).stream().filter(r -> r.contains("blocking call"))
                .toList();
        assertThat(reports).as("reports with blocking calls after the blocking request").hasSize(1);
        String report = reports.get(0);
        assertThat(report).contains("io_blocking task on " + loopThread).contains("exceeded")
                .contains("call site ").contains(source + ":" + line);
        assertThat(app.reports()).as("reports that list blocking calls")
                .filteredOn(r -> r.contains("blocking call")).allSatisfy(r -> assertThat(r).contains(source));
        return report;
    }

    private static List<String> reportsIn(List<String> lines) {
        return lines.stream().filter(l -> ForkedApp.REPORT.matcher(l).find()).toList();
    }
}
