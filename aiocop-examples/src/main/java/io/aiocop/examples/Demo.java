package io.aiocop.examples;

import io.aiocop.Aiocop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick-start demo: a Netty HTTP server on 127.0.0.1 on {@code MonitoredEventLoopGroup}s, with aiocop's agent,
 * whose endpoints block the loop the ways people do by mistake (see {@link Endpoint}). Without arguments it drives
 * a few hundred concurrent requests at them with the JDK's HTTP client while aiocop's log lines appear, then
 * prints the offender report and aiocop's meters, and exits 0; with {@code --serve} it keeps serving, with
 * {@code /metrics} in Prometheus' text format, until killed. {@code --help} prints the usage; a bad argument exits
 * with status 2.
 *
 * <p>The jar starts aiocop's agent from its manifest ({@code Launcher-Agent-Class}), so {@code java -jar} needs no
 * JVM flag; run from a class path, {@link Aiocop#patchAuditFunctions()} self-attaches and needs the flags the
 * README lists per JDK.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    /** aiocop's slow-task threshold in the demo, the library's default. */
    static final long THRESHOLD_MS = 30;

    /** How long a task runs before the watchdog reports it as a stall, the library's default. */
    static final long STALL_THRESHOLD_MS = 1000;

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [--serve] [--port N] | --help}
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoArguments arguments;
        try {
            arguments = DemoArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("aiocop-demo: " + e.getMessage());
            System.err.println(DemoArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.println(DemoArguments.USAGE);
            return;
        }
        Aiocop.patchAuditFunctions();
        Aiocop.startBlockingIoDetection();
        Aiocop.detectSlowTasks(THRESHOLD_MS);
        Aiocop.setStallThresholdMs(STALL_THRESHOLD_MS);

        DemoResources resources = DemoResources.start();
        DemoMetrics metrics = new DemoMetrics();
        DemoServer server = DemoServer.start(new DemoHandler(resources, metrics), arguments.port());
        AutoCloseable stop = () -> {
            server.close();
            resources.close();
            metrics.close();
        };
        if (arguments.serve()) {
            serve(server, stop);
        } else {
            boolean allAnswered;
            try (stop) {
                allAnswered = driveTraffic(server, metrics);
            }
            if (!allAnswered) {
                System.exit(1);
            }
        }
    }

    private static void serve(DemoServer server, AutoCloseable stop) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.close();
            } catch (Exception e) {
                LOG.warn("could not stop the demo cleanly", e);
            }
        }, "aiocop-demo-stop"));
        System.out.print(DemoHandler.index());
        System.out.println("listening on http://127.0.0.1:" + server.port());
        System.out.flush();
        new CountDownLatch(1).await();   // until the JVM is told to stop; the hook then closes the server
    }

    private static boolean driveTraffic(DemoServer server, DemoMetrics metrics) throws Exception {
        Traffic traffic = new Traffic(server.port());
        // A cold JVM loads and compiles Netty's pipeline on its first requests: slow tasks aiocop rightly reports.
        // A few requests first let the report below show the endpoints' own behaviour.
        for (int i = 0; i < 5; i++) {
            traffic.get(Endpoint.HELLO.path());
        }
        Aiocop.resetReport();
        int total = 0;
        for (Endpoint endpoint : Endpoint.values()) {
            total += endpoint.requests();
        }
        LOG.info("server on http://127.0.0.1:{}; sending {} requests, {} at a time, to {} endpoints",
                server.port(), total, Traffic.CONCURRENCY, Endpoint.values().length);
        long start = System.nanoTime();
        Map<Endpoint, Integer> ok = traffic.run();
        LOG.info("{} requests answered in {} ms", total, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        // Scheduled reloads run shortly after their request was answered.
        TimeUnit.MILLISECONDS.sleep(200);

        boolean allAnswered = true;
        System.out.println();
        System.out.println("== Requests");
        for (Endpoint endpoint : Endpoint.values()) {
            int answered = ok.getOrDefault(endpoint, 0);
            allAnswered &= answered == endpoint.requests();
            System.out.printf("%-11s %3d of %3d answered 200 OK: %s%n", endpoint.path(), answered,
                    endpoint.requests(), endpoint.description());
        }
        System.out.println();
        System.out.println("== Offender report: who blocked the loops, worst first (Aiocop.report().toText())");
        System.out.println(Aiocop.report().toText());
        System.out.println();
        System.out.println("== aiocop's meters (the aiocop_ samples of GET /metrics, Prometheus' text format)");
        System.out.println(metrics.aiocopSamples());
        return allAnswered;
    }
}
