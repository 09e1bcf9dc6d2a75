package io.aiocop.bench;

import io.aiocop.Aiocop;
import io.aiocop.CpuStackSample;
import io.aiocop.SlowTaskCallback;
import io.aiocop.netty.MonitoredEventLoopGroup;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures the CPU time of aiocop's watchdog thread ({@code aiocop-watchdog}, from {@link ThreadMXBean}) on a real
 * Netty echo server on two monitored loops, as a percentage of one core, and how many round trips the loops serve
 * meanwhile: not a JMH benchmark, since what is measured is another thread's CPU over seconds.
 *
 * <p>Loads: {@code idle} (no traffic), {@code busy} (4 loopback clients, each a blocking socket sending 64 bytes and
 * waiting for the echo, as fast as they can), {@code slow} (the same, and every 200th read computes 40 ms: slow tasks,
 * which the watchdog arms and samples). What the watchdog does: {@code stall} (stall reports only: blocking detection
 * and CPU sampling off), {@code detect} (and blocking detection on, so sampled blocking), {@code sample} (CPU stack
 * sampling at 10 ms, blocking detection off), {@code cpu} (both). Slow tasks are counted by a callback; the default reporter is off.
 *
 * <p>Run: {@code java -cp aiocop-bench/target/benchmarks.jar io.aiocop.bench.WatchdogCpu <idle|busy|slow>
 * <stall|detect|sample|cpu> [seconds]}
 */
public final class WatchdogCpu {

    private static final int CLIENTS = 4;
    private static final int MESSAGE_BYTES = 64;
    private static final int SLOW_EVERY = 200;
    private static final long SLOW_MILLIS = 40;

    private WatchdogCpu() {
    }

    /**
     * Runs the measurement and prints one line.
     *
     * @param args the load, the watchdog mode and, optionally, the seconds to measure (default 10)
     * @throws Exception when interrupted or a client fails
     */
    public static void main(String[] args) throws Exception {
        String load = args.length > 0 ? args[0] : "idle";
        String mode = args.length > 1 ? args[1] : "stall";
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        Aiocop.disableDefaultReporter();
        Aiocop.stopCpuSampling();
        if (mode.equals("detect") || mode.equals("cpu")) {
            Aiocop.startBlockingIoDetection();
        }
        if (mode.equals("sample") || mode.equals("cpu")) {
            Aiocop.startCpuSampling();
        }
        LongAdder slowTasks = new LongAdder();
        LongAdder samples = new LongAdder();
        SlowTaskCallback counter = event -> {
            if (event.exceededThreshold()) {
                slowTasks.increment();
                for (CpuStackSample sample : event.cpuStackSamples()) {
                    samples.add(sample.count());
                }
            }
        };
        Aiocop.registerSlowTaskCallback(counter);
        MonitoredEventLoopGroup group = new MonitoredEventLoopGroup(2);
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder roundTrips = new LongAdder();
        List<Thread> clients = new ArrayList<>();
        try (EchoServer server = new EchoServer(group, load.equals("slow") ? SLOW_EVERY : 0, SLOW_MILLIS)) {
            group.submit(() -> { }).sync();
            group.next().submit(() -> { }).sync();
            if (!load.equals("idle")) {
                for (int i = 0; i < CLIENTS; i++) {
                    Thread client = new Thread(() -> pingPong(server.address(), running, roundTrips), "client-" + i);
                    client.setDaemon(true);
                    client.start();
                    clients.add(client);
                }
            }
            Thread.sleep(3000);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long watchdog = watchdogId();
            long cpu0 = mx.getThreadCpuTime(watchdog);
            long trips0 = roundTrips.sum();
            long slow0 = slowTasks.sum();
            long samples0 = samples.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long cpu1 = mx.getThreadCpuTime(watchdog);
            long t1 = System.nanoTime();
            double wall = (t1 - t0) / 1e9;
            System.out.printf(Locale.ROOT, "java=%s load=%s mode=%s watchdog cpu %.1f ms over %.1f s = %.3f%% of one"
                    + " core; %.0f round trips/s; %d slow tasks, %d cpu samples%n",
                    Runtime.version().feature(), load, mode, (cpu1 - cpu0) / 1e6, wall, 100.0 * (cpu1 - cpu0) / (t1 - t0),
                    (roundTrips.sum() - trips0) / wall, slowTasks.sum() - slow0, samples.sum() - samples0);
        } finally {
            running.set(false);
            for (Thread client : clients) {
                client.join(5_000);
            }
            group.shutdownGracefully().syncUninterruptibly();
        }
    }

    /** One client: sends a message, waits for its echo, until told to stop. */
    private static void pingPong(InetSocketAddress address, AtomicBoolean running, LongAdder roundTrips) {
        byte[] message = new byte[MESSAGE_BYTES];
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (running.get()) {
                out.write(message);
                in.readFully(message);
                roundTrips.increment();
            }
        } catch (IOException e) {
            if (running.get()) {
                throw new IllegalStateException("client failed", e);
            }
        }
    }

    private static long watchdogId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("aiocop-watchdog")) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no watchdog");
    }
}
