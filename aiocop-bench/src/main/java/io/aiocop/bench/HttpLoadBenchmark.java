package io.aiocop.bench;

import io.aiocop.bench.report.HttpLoadReport;
import io.aiocop.bench.report.HttpRound;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Family 7, HTTP throughput under real load: a keep-alive "hello" server ({@link HttpHelloServer}) on one event
 * loop, one JVM per variant, driven by <a href="https://github.com/wg/wrk">wrk</a> with many concurrent keep-alive
 * connections. Records requests per second, the server process's CPU time per request (user + system,
 * {@code /proc/PID/stat}) and the loop thread's own CPU time per request ({@code /proc/PID/task/TID/schedstat},
 * nanosecond resolution), and writes {@code http.json} and {@code http.md} ({@link HttpLoadReport}). Not a JMH
 * benchmark: the load generator is an external process, and each server must be a JVM of its own because the
 * detectors instrument a JVM for good.
 *
 * <p>How it resolves small differences on a shared host: all variants' servers run at once (an idle server costs
 * nothing), each is warmed up, then wrk drives them in turn for a short slice each; one slice of every variant is a
 * round, and the order rotates by one each round (A B C, B C A, C A B, ...). The report divides each variant's
 * round by plain's round of the same index, a few seconds apart, so drift of the host cancels, and the variant's
 * position in the round cancels over the rotation. A generation is one set of server JVMs; several generations
 * (fresh JVMs) put the JIT's run-to-run luck into the spread instead of into one variant's bias.
 *
 * <p>Run: {@code aiocop-bench/http.sh [--generations=G] [--rounds=N per generation] [--warmup=S] [--duration=S]
 * [--connections=C] [--wrk-threads=T] [--variants=a,b] [--work=ROUNDS] [--pin=true|false] [--out=DIR]}, or
 * {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.HttpLoadBenchmark} with the same options;
 * {@code JAVA=...} in the script (or {@code --java=}) picks the servers' JDK.
 */
public final class HttpLoadBenchmark {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern READY = Pattern.compile("READY port=(\\d+) pid=(\\d+) loop=(.+)");
    /** Linux's USER_HZ, the unit of utime and stime in {@code /proc/PID/stat}; 100 on every mainstream kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private HttpLoadBenchmark() {
    }

    /** The run's settings, from {@code --name=value} arguments. */
    private record Settings(List<String> variants, int generations, int rounds, int warmupSeconds, int durationSeconds,
                            int connections, int wrkThreads, int work, String java, Path out, boolean pin) {

        static Settings parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("variants", "plain,monitored,monitored+agent,monitored+agent+metrics,blockhound");
            options.put("generations", "3");
            options.put("rounds", "10");
            options.put("warmup", "5");
            options.put("duration", "2");
            options.put("connections", "32");
            options.put("wrk-threads", "1");
            options.put("work", Integer.toString(HttpHelloServer.DEFAULT_WORK));
            options.put("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            options.put("out", "aiocop-bench/results/http");
            options.put("pin", Boolean.toString(Runtime.getRuntime().availableProcessors() >= 2));
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
                if (name == null || !options.containsKey(name)) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "', expected --name=value with"
                            + " name one of " + options.keySet());
                }
                options.put(name, arg.substring(eq + 1));
            }
            List<String> variants = Arrays.asList(options.get("variants").split(","));
            variants.forEach(Variant::of);
            if (!variants.contains("plain")) {
                throw new IllegalArgumentException("--variants must include plain, the baseline, was "
                        + options.get("variants"));
            }
            return new Settings(variants, positive(options, "generations"), positive(options, "rounds"), positive(options, "warmup"),
                    positive(options, "duration"), positive(options, "connections"),
                    positive(options, "wrk-threads"), positive(options, "work"), options.get("java"),
                    Path.of(options.get("out")), Boolean.parseBoolean(options.get("pin")));
        }

        private static int positive(Map<String, String> options, String name) {
            int value = Integer.parseInt(options.get(name));
            if (value <= 0) {
                throw new IllegalArgumentException("--" + name + " must be > 0, was " + value);
            }
            return value;
        }
    }

    /**
     * Runs the rounds and writes the report.
     *
     * @param args {@code --name=value} options, see the class comment
     * @throws Exception when a server or wrk fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("HttpLoadBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path logs = settings.out().resolve("logs");
        Files.createDirectories(logs);
        String started = now();
        List<HttpRound> rounds = new ArrayList<>();
        int n = settings.variants().size();
        for (int generation = 0; generation < settings.generations(); generation++) {
            List<Server> servers = new ArrayList<>();
            try {
                for (String variant : settings.variants()) {
                    servers.add(Server.start(settings, variant, logs.resolve("gen" + generation + "-" + variant
                            + ".stderr")));
                }
                for (Server server : servers) {
                    wrk(settings, settings.warmupSeconds(), server.url);
                }
                for (int slice = 0; slice < settings.rounds(); slice++) {
                    int round = generation * settings.rounds() + slice;
                    for (int i = 0; i < n; i++) {
                        HttpRound result = servers.get((round + i) % n).measure(settings, round);
                        rounds.add(result);
                        System.err.printf("round %d %-24s %9.0f req/s  process %6.0f ns/req  loop %6.0f ns/req%s%n",
                                round, result.variant(), result.requestsPerSecond(), result.processCpuPerRequest(),
                                result.loopCpuPerRequest(), result.socketErrors() + result.serverLogLines() > 0
                                        ? "  errors " + result.socketErrors() + ", server log lines "
                                        + result.serverLogLines() : "");
                    }
                }
                for (Server server : servers) {
                    server.stop();
                }
            } finally {
                servers.forEach(server -> server.process.destroyForcibly());
            }
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        List<String> conditions = List.of(
                "- Date: " + started + " to " + now(),
                "- Server JDK: " + jdkVersion(settings.java()),
                "- Machine: " + cpus + " CPUs, load average at the end " + loadAverage(),
                "- Load: wrk -t" + settings.wrkThreads() + " -c" + settings.connections() + " (keep-alive), "
                        + settings.work() + " rounds of handler work per request; " + settings.generations()
                        + " generations of one fresh server JVM per variant, each warmed up for "
                        + settings.warmupSeconds() + " s, then " + settings.rounds() + " rounds of "
                        + settings.durationSeconds() + " s per variant, interleaved"
                        + (settings.pin() ? "; wrk pinned to CPU 0, the servers to CPU " + (cpus - 1)
                        : "; nothing pinned"),
                "- Command: `HttpLoadBenchmark " + String.join(" ", args) + "`");
        HttpLoadReport.write(rounds, conditions, settings.out());
    }

    /** One running server JVM. */
    private static final class Server {

        final String variant;
        final Process process;
        final Path errLog;
        final String url;
        final long pid;
        final long tid;

        private Server(String variant, Process process, Path errLog, String url, long pid, long tid) {
            this.variant = variant;
            this.process = process;
            this.errLog = errLog;
            this.url = url;
            this.pid = pid;
            this.tid = tid;
        }

        static Server start(Settings settings, String variant, Path errLog) throws IOException {
            List<String> command = new ArrayList<>(pinned(settings, Runtime.getRuntime().availableProcessors() - 1));
            command.add(settings.java());
            command.addAll(List.of(AbstractBenchmark.FIXED_HEAP_MIN, AbstractBenchmark.FIXED_HEAP_MAX,
                    AbstractBenchmark.ALLOW_ATTACH_SELF, AbstractBenchmark.ALLOW_DYNAMIC_AGENTS,
                    AbstractBenchmark.NO_BYTEBUDDY_NEXUS, AbstractBenchmark.ALLOW_ADD_DELETE_METHODS));
            command.addAll(List.of("-cp", ownJar(), HttpHelloServer.class.getName(), variant,
                    Integer.toString(settings.work())));
            Process process = new ProcessBuilder(command).redirectError(errLog.toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                Matcher ready = line == null ? null : READY.matcher(line);
                if (ready == null || !ready.matches()) {
                    throw new IOException("server for '" + variant + "' did not start (first line: " + line
                            + "); see " + errLog);
                }
                long pid = Long.parseLong(ready.group(2));
                return new Server(variant, process, errLog, "http://127.0.0.1:" + ready.group(1) + "/", pid,
                        threadId(pid, ready.group(3)));
            } catch (IOException | RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
        }

        HttpRound measure(Settings settings, int round) throws IOException, InterruptedException {
            long logBefore = lineCount(errLog);
            long processBefore = processCpuNanos(pid);
            long loopBefore = threadCpuNanos(pid, tid);
            String report = wrk(settings, settings.durationSeconds(), url);
            long processCpu = processCpuNanos(pid) - processBefore;
            long loopCpu = threadCpuNanos(pid, tid) - loopBefore;
            long logLines = lineCount(errLog) - logBefore;
            Matcher requests = REQUESTS.matcher(report);
            if (!requests.find()) {
                throw new IOException("no request count in wrk's output:\n" + report);
            }
            long errors = 0;
            Matcher socketErrors = SOCKET_ERRORS.matcher(report);
            if (socketErrors.find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(socketErrors.group(g));
                }
            }
            return new HttpRound(round, variant, Long.parseLong(requests.group(1)),
                    seconds(requests.group(2), requests.group(3)), errors, processCpu, loopCpu, logLines);
        }

        void stop() throws IOException, InterruptedException {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IOException("server for '" + variant + "' did not stop within 20 s of end of input");
            }
        }
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static String wrk(Settings settings, int seconds, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pinned(settings, 0));
        command.addAll(List.of("wrk", "-t" + settings.wrkThreads(), "-c" + settings.connections(),
                "-d" + seconds + "s", url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + output);
        }
        return output;
    }

    /**
     * Returns the {@code taskset} prefix that pins a process to one CPU, or nothing without {@code --pin}. Pinned,
     * the server and wrk never share a CPU, so a round cannot fall into the state where the scheduler puts both on
     * one CPU for a while (seen unpinned on 2 CPUs: rounds of one variant at 33 000 and at 66 000 requests/s).
     */
    private static List<String> pinned(Settings settings, int cpu) {
        return settings.pin() ? List.of("taskset", "-c", Integer.toString(cpu)) : List.of();
    }

    private static double seconds(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1e6;
            case "ms" -> v / 1e3;
            case "m" -> v * 60;
            default -> v;
        };
    }

    /** Finds the loop thread by its name, which the JVM gives the native thread (truncated to 15 bytes). */
    private static long threadId(long pid, String threadName) throws IOException {
        String comm = threadName.length() > 15 ? threadName.substring(0, 15) : threadName;
        List<Long> matches = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).strip().equals(comm)) {
                    matches.add(Long.parseLong(task.getFileName().toString()));
                }
            }
        }
        if (matches.size() != 1) {
            throw new IOException("expected one thread named '" + comm + "' in process " + pid + ", found "
                    + matches);
        }
        return matches.get(0);
    }

    private static long processCpuNanos(long pid) throws IOException {
        // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    private static long threadCpuNanos(long pid, long tid) throws IOException {
        // schedstat: time on CPU (ns), time waiting on a run queue (ns), timeslices.
        String schedstat = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/schedstat"));
        return Long.parseLong(schedstat.split(" ")[0]);
    }

    private static String ownJar() {
        try {
            return new File(HttpLoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmarks jar", e);
        }
    }

    private static String jdkVersion(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output.lines().skip(1).findFirst().orElse(output).strip();
    }

    private static String loadAverage() throws IOException {
        String[] loads = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return loads[0] + " / " + loads[1] + " / " + loads[2] + " (1 / 5 / 15 min)";
    }

    private static String now() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
