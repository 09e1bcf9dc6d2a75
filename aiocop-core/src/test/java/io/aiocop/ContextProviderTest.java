package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ContextProviderTest {

    private final Recorder recorder = new Recorder();
    private final ManualTicker ticker = new ManualTicker();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
        loop = new TestLoop(TaskMonitor.builder("ctx").ticker(ticker));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void contextOfAllProvidersIsMergedAndALaterProviderWinsOnASharedKey() {
        Aiocop.registerContextProvider(() -> Map.of("key_a", "value_a", "shared", "a"));
        Aiocop.registerContextProvider(() -> Map.of("key_b", "value_b", "shared", "b"));
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.only().context())
                .containsOnly(Map.entry("key_a", "value_a"), Map.entry("key_b", "value_b"), Map.entry("shared", "b"));
    }

    @Test
    void valuesLiveAtTheFirstBlockingEventWinOverThoseAtTaskStart() {
        AtomicReference<String> span = new AtomicReference<>("none");
        Aiocop.registerContextProvider(() -> Map.of("span", span.get()));
        loop.run(() -> {
            span.set("span-1");
            Aiocop.audit("open", "/x");
            span.set("span-2");
            Aiocop.audit("open", "/y");
            span.set("after");
        });
        assertThat(recorder.only().context()).containsEntry("span", "span-1");
    }

    @Test
    void slowTaskWithoutBlockingCallGetsTheValuesLiveAtItsEnd() {
        AtomicReference<String> request = new AtomicReference<>("at-start");
        Aiocop.registerContextProvider(() -> Map.of("request_id", request.get()));
        loop.run(() -> {
            request.set("at-end");
            ticker.advanceMillis(50);
        });
        assertThat(recorder.only().reason()).isEqualTo(SlowTaskEvent.Reason.CPU_BLOCKING);
        assertThat(recorder.only().context()).containsEntry("request_id", "at-end");
    }

    @Test
    void cleanTasksCallNoProvider() {
        int[] calls = new int[1];
        Aiocop.registerContextProvider(() -> {
            calls[0]++;
            return Map.of();
        });
        loop.run(() -> ticker.advanceMillis(1));
        loop.run(() -> { });
        assertThat(recorder.events).isEmpty();
        assertThat(calls[0]).isZero();
    }

    @Test
    void providerTimeAtTheFirstBlockingCallIsNotChargedToTheTask() {
        Aiocop.registerContextProvider(() -> {
            ticker.advanceMillis(200);
            return Map.of("k", "v");
        });
        loop.run(() -> {
            ticker.advanceMillis(2);
            Aiocop.audit("open", "/x");
            ticker.advanceMillis(3);
        });
        SlowTaskEvent e = recorder.only();
        assertThat(e.elapsedMs()).isEqualTo(5.0);
        assertThat(e.exceededThreshold()).isFalse();
        assertThat(e.context()).containsEntry("k", "v");
    }

    @Test
    void providerThatBlocksProducesNoCpuBlockingReportForFastTasks() {
        Aiocop.registerContextProvider(() -> {
            ticker.advanceMillis(200);
            return Map.of("k", "v");
        });
        for (int i = 0; i < 3; i++) {
            loop.run(() -> ticker.advanceMillis(1));
        }
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void providerTimeIsNotChargedToTheRefusedCallsElapsedTime() {
        Aiocop.registerContextProvider(() -> {
            ticker.advanceMillis(200);
            return Map.of();
        });
        Throwable thrown = loop.runCatching(() -> {
            RaiseOnViolationsScope scope = Aiocop.raiseOnViolations();
            try {
                ticker.advanceMillis(4);
                Aiocop.audit("sleep", "1 s");
            } finally {
                scope.close();
            }
        });
        assertThat(thrown).isInstanceOf(HighSeverityBlockingIoException.class);
        assertThat(((HighSeverityBlockingIoException) thrown).elapsedMs()).isEqualTo(4.0);
    }

    @Test
    void nextTaskDoesNotStartBeforeTheEndOfTaskCaptureFinished() {
        TaskMonitor monitor = TaskMonitor.builder("back-to-back").ticker(ticker).build();
        Aiocop.registerContextProvider(() -> {
            ticker.advanceMillis(200);
            return Map.of();
        });
        monitor.bindToCurrentThread();
        try {
            monitor.beginTask(ticker.read(), null);
            ticker.advanceMillis(40);
            // How a Netty loop ends a task: the next task's start, read before the end-of-task capture ran.
            monitor.beginTask(ticker.read(), null);
            ticker.advanceMillis(1);
            monitor.endTask(ticker.read());
        } finally {
            monitor.unbindFromCurrentThread();
        }
        assertThat(recorder.only().elapsedMs()).isEqualTo(40.0);
    }

    @Test
    void taskContextIsReadAtReportTimeAndProvidersOverrideIt() {
        TaskMonitor monitor = TaskMonitor.builder("channel-loop").ticker(ticker).build();
        Aiocop.registerContextProvider(() -> Map.of("channel.id", "from-provider"));
        monitor.bindToCurrentThread();
        try {
            monitor.beginTask(ticker.read(), () -> Map.of("channel.id", "0xcafe", "remote.address", "/127.0.0.1:1"));
            Aiocop.audit("open", "/x");
            monitor.endTask(ticker.read());
        } finally {
            monitor.unbindFromCurrentThread();
        }
        assertThat(recorder.only().context())
                .containsEntry("channel.id", "from-provider")
                .containsEntry("remote.address", "/127.0.0.1:1");
    }

    @Test
    void providerThatThrowsOrReturnsNullIsIsolatedAndCounted() {
        Aiocop.registerContextProvider(() -> {
            throw new IllegalStateException("provider bug");
        });
        Aiocop.registerContextProvider(() -> null);
        Aiocop.registerContextProvider(() -> Map.of("ok", true));
        long before = Aiocop.getCallbackFailureCount();

        loop.run(() -> Aiocop.audit("open", "/x"));

        assertThat(recorder.only().context()).containsOnly(Map.entry("ok", true));
        // two providers fail, once each: providers run once per reported task, at its first event
        assertThat(Aiocop.getCallbackFailureCount() - before).isEqualTo(2);
    }

    @Test
    void nullValuesFromProvidersAreKept() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("user", null);
        Aiocop.registerContextProvider(() -> withNull);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.only().context()).containsEntry("user", null);
    }

    @Test
    void blockingEventsInsideProvidersAreIgnored() {
        Aiocop.registerContextProvider(() -> {
            Aiocop.audit("sleep", "in provider");
            return Map.of("k", "v");
        });
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.only().blockingEvents()).extracting(BlockingEventInfo::event).containsExactly("open(/x)");
    }

    @Test
    void unregisteredAndClearedProvidersAreNotCalledAndDuplicatesAreIgnored() {
        int[] calls = new int[1];
        ContextProvider counting = () -> {
            calls[0]++;
            return Map.of("n", calls[0]);
        };
        Aiocop.registerContextProvider(counting);
        Aiocop.registerContextProvider(counting);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(calls[0]).isEqualTo(1);

        Aiocop.unregisterContextProvider(counting);
        loop.run(() -> Aiocop.audit("open", "/y"));
        assertThat(recorder.events.get(1).context()).isEmpty();

        Aiocop.registerContextProvider(counting);
        Aiocop.clearContextProviders();
        loop.run(() -> Aiocop.audit("open", "/z"));
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void nullProviderIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> Aiocop.registerContextProvider(null)).withMessage("provider must not be null");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.unregisterContextProvider(null))
                .withMessage("provider must not be null");
    }
}
