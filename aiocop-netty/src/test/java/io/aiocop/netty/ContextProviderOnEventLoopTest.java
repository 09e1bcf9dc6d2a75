package io.aiocop.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.Aiocop;
import io.aiocop.ContextProvider;
import io.aiocop.SlowTaskEvent;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A context provider's time is not charged to the tasks of a real event loop: a provider that blocks makes no
 * fast task slow.
 */
final class ContextProviderOnEventLoopTest {

    private static final long PROVIDER_MS = 200;

    @Test
    void providerThatBlocksNeitherSlowsFastTasksNorAddsToABlockingTasksTime() throws Exception {
        Loops.resetAiocop();
        AtomicInteger calls = new AtomicInteger();
        ContextProvider slow = () -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(PROVIDER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("request_id", "r-1");
        };
        Aiocop.registerContextProvider(slow);
        String name = "provider-loop";
        RecordingCallback reports = RecordingCallback.register(name);
        // The threshold sits below the provider's sleep: a task charged with it would be reported as slow.
        MonitoredEventLoopGroup group = new MonitoredEventLoopGroup(1,
                MonitoringOptions.builder().name(name).thresholdMs(PROVIDER_MS - 50).build());
        try {
            EventLoop loop = group.next();
            for (int i = 0; i < 5; i++) {
                loop.submit(() -> { }).get(10, TimeUnit.SECONDS);
            }
            loop.submit(() -> Aiocop.audit("stat", "/x")).get(10, TimeUnit.SECONDS);
            Loops.quiesce(group);

            List<SlowTaskEvent> all = reports.drain();
            assertThat(all).noneMatch(e -> e.reason() == SlowTaskEvent.Reason.CPU_BLOCKING);
            assertThat(all).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(SlowTaskEvent.Reason.IO_BLOCKING);
                assertThat(e.context()).containsEntry("request_id", "r-1");
                assertThat(e.elapsedMs()).isLessThan(PROVIDER_MS);
                assertThat(e.exceededThreshold()).isFalse();
            });
            assertThat(calls.get()).isEqualTo(1);
        } finally {
            reports.close();
            Aiocop.unregisterContextProvider(slow);
            Loops.shutdown(group);
            Loops.resetAiocop();
        }
    }
}
