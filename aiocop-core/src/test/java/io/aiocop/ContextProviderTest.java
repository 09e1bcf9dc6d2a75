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
    void valuesCapturedAtStartSurviveTheTask() {
        AtomicReference<String> request = new AtomicReference<>("req-7");
        Aiocop.registerContextProvider(() -> request.get() == null ? Map.of() : Map.of("request_id", request.get()));
        loop.run(() -> {
            request.set(null);
            ticker.advanceMillis(50);
        });
        assertThat(recorder.only().context()).containsEntry("request_id", "req-7");
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
        // two providers fail at task start and again at the first event
        assertThat(Aiocop.getCallbackFailureCount() - before).isEqualTo(4);
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
        assertThat(calls[0]).isEqualTo(2);

        Aiocop.unregisterContextProvider(counting);
        loop.run(() -> Aiocop.audit("open", "/y"));
        assertThat(recorder.events.get(1).context()).isEmpty();

        Aiocop.registerContextProvider(counting);
        Aiocop.clearContextProviders();
        loop.run(() -> Aiocop.audit("open", "/z"));
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void nullProviderIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> Aiocop.registerContextProvider(null)).withMessage("provider must not be null");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.unregisterContextProvider(null))
                .withMessage("provider must not be null");
    }
}
