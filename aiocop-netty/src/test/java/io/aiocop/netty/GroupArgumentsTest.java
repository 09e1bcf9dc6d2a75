package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aiocop.Aiocop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public entry point of aiocop-netty that takes arguments (the options builder and the group constructors)
 * refuses a bad one at once: the exception type, a message that names the argument and what was expected, no
 * loop thread started and nothing changed.
 */
final class GroupArgumentsTest {

    private static final IoHandlerFactory NIO = NioIoHandler.newFactory();
    private static final MonitoringOptions.Builder BUILDER = MonitoringOptions.builder().name("kept").thresholdMs(7);

    /** One bad call: what it must throw and what its message must mention. */
    record Case(String call, Class<? extends Throwable> type, ThrowingCallable body, List<String> mentions) {
        @Override
        public String toString() {
            return call;
        }
    }

    private static Case iae(String call, ThrowingCallable body, String... mentions) {
        return new Case(call, IllegalArgumentException.class, body, List.of(mentions));
    }

    private static Case npe(String call, ThrowingCallable body, String argument) {
        return new Case(call, NullPointerException.class, body, List.of(argument, "must not be null"));
    }

    /** What a bad call must leave as it was: the builder's settings, aiocop's threshold, the loop threads. */
    record State(String options, long thresholdMs, long loopThreads) {
        static State now() {
            long loopThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t instanceof MonitoredThreadFactory.MonitoredLoopThread && t.isAlive()).count();
            return new State(BUILDER.build().toString(), Aiocop.getSlowTaskThresholdMs(), loopThreads);
        }
    }

    static Stream<Case> cases() {
        MonitoringOptions defaults = MonitoringOptions.defaults();
        return Stream.of(
                npe("options.name(null)", () -> BUILDER.name(null), "name"),
                iae("options.name(blank)", () -> BUILDER.name(" \t"), "name", "must not be blank"),
                iae("options.name(empty)", () -> BUILDER.name(""), "name must not be blank, was ''"),
                iae("options.thresholdMs(0)", () -> BUILDER.thresholdMs(0), "thresholdMs must be > 0, was 0"),
                iae("options.thresholdMs(-5)", () -> BUILDER.thresholdMs(-5), "thresholdMs must be > 0, was -5"),
                iae("options.thresholdMs(MIN_VALUE)", () -> BUILDER.thresholdMs(Long.MIN_VALUE), "thresholdMs", "> 0"),
                iae("options.traceDepth(-1)", () -> BUILDER.traceDepth(-1), "traceDepth must be in [0, 1024], was -1"),
                iae("options.traceDepth(1025)", () -> BUILDER.traceDepth(1025), "traceDepth", "[0, 1024]", "1025"),
                iae("options.traceDepth(MAX_VALUE)", () -> BUILDER.traceDepth(Integer.MAX_VALUE), "traceDepth",
                        "[0, 1024]"),
                iae("MonitoredEventLoopGroup(-1)", () -> new MonitoredEventLoopGroup(-1), "nThreads must be >= 0, was -1"),
                npe("MonitoredEventLoopGroup(1, null options)",
                        () -> new MonitoredEventLoopGroup(1, (MonitoringOptions) null), "options"),
                npe("MonitoredEventLoopGroup(1, factory, null options)",
                        () -> new MonitoredEventLoopGroup(1, (ThreadFactory) null, null), "options"),
                npe("MonitoredEventLoopGroup(1, executor, null options)",
                        () -> new MonitoredEventLoopGroup(1, (Executor) null, null), "options"),
                iae("MonitoredEventLoopGroup(MIN_VALUE, options)",
                        () -> new MonitoredEventLoopGroup(Integer.MIN_VALUE, defaults), "nThreads", ">= 0"),
                npe("MonitoredIoEventLoopGroup(null factory)", () -> new MonitoredIoEventLoopGroup(null),
                        "ioHandlerFactory"),
                npe("MonitoredIoEventLoopGroup(1, null factory)",
                        () -> new MonitoredIoEventLoopGroup(1, (IoHandlerFactory) null), "ioHandlerFactory"),
                iae("MonitoredIoEventLoopGroup(-1, NIO)", () -> new MonitoredIoEventLoopGroup(-1, NIO),
                        "nThreads must be >= 0, was -1"),
                npe("MonitoredIoEventLoopGroup(1, NIO, null options)",
                        () -> new MonitoredIoEventLoopGroup(1, NIO, null), "options"),
                npe("MonitoredIoEventLoopGroup(1, factory, NIO, null options)",
                        () -> new MonitoredIoEventLoopGroup(1, (ThreadFactory) null, NIO, null), "options"),
                npe("MonitoredIoEventLoopGroup(1, executor, null chooser, NIO, options)",
                        () -> new MonitoredIoEventLoopGroup(1, null, (EventExecutorChooserFactory) null, NIO, defaults),
                        "chooserFactory"),
                iae("MonitoredEventExecutorGroup(0)", () -> new MonitoredEventExecutorGroup(0),
                        "nThreads must be > 0, was 0"),
                iae("MonitoredEventExecutorGroup(-3, options)", () -> new MonitoredEventExecutorGroup(-3, defaults),
                        "nThreads", "> 0", "-3"),
                npe("MonitoredEventExecutorGroup(1, null options)",
                        () -> new MonitoredEventExecutorGroup(1, (MonitoringOptions) null), "options"),
                npe("MonitoredEventExecutorGroup(1, factory, null options)",
                        () -> new MonitoredEventExecutorGroup(1, null, null), "options"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badArgumentIsRefusedNamingItAndWhatWasExpectedAndChangesNothing(Case bad) {
        State before = State.now();

        Throwable thrown = catchThrowable(bad.body());

        assertThat(thrown).as(bad.call()).isExactlyInstanceOf(bad.type());
        for (String mention : bad.mentions()) {
            assertThat(thrown.getMessage()).as(bad.call()).contains(mention);
        }
        assertThat(State.now()).as(bad.call()).isEqualTo(before);
    }
}
