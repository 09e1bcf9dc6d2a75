package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class CallbackRegistrationTest {

    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        loop = new TestLoop();
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void duplicateRegistrationIsIgnored() {
        Recorder recorder = new Recorder();
        Aiocop.registerSlowTaskCallback(recorder);
        Aiocop.registerSlowTaskCallback(recorder);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.events).hasSize(1);
    }

    @Test
    void everyRegisteredCallbackIsCalledInRegistrationOrder() {
        StringBuilder order = new StringBuilder();
        Aiocop.registerSlowTaskCallback(e -> order.append('a'));
        Aiocop.registerSlowTaskCallback(e -> order.append('b'));
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(order).hasToString("ab");
    }

    @Test
    void detectSlowTasksRegistersTheCallbackAndSetsTheThreshold() {
        Recorder recorder = new Recorder();
        Aiocop.detectSlowTasks(12, recorder);
        loop.run(() -> Aiocop.audit("stat", "/x"));
        assertThat(recorder.only().thresholdMs()).isEqualTo(12);
    }

    @Test
    void unregisteredAndClearedCallbacksAreNotCalled() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Aiocop.registerSlowTaskCallback(first);
        Aiocop.registerSlowTaskCallback(second);
        Aiocop.unregisterSlowTaskCallback(first);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(first.events).isEmpty();
        assertThat(second.events).hasSize(1);

        Aiocop.clearSlowTaskCallbacks();
        loop.run(() -> Aiocop.audit("open", "/y"));
        assertThat(second.events).hasSize(1);
        Aiocop.unregisterSlowTaskCallback(first);
    }

    @Test
    void throwingCallbackIsCountedAndTheOthersStillRunAndTheLoopGoesOn() {
        Recorder before = new Recorder();
        Recorder after = new Recorder();
        AtomicInteger calls = new AtomicInteger();
        Aiocop.registerSlowTaskCallback(before);
        Aiocop.registerSlowTaskCallback(e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("callback bug");
        });
        Aiocop.registerSlowTaskCallback(after);
        long failuresBefore = Aiocop.getCallbackFailureCount();

        Throwable thrown = loop.runCatching(() -> Aiocop.audit("open", "/x"));
        loop.run(() -> Aiocop.audit("open", "/y"));

        assertThat(thrown).isNull();
        assertThat(calls).hasValue(2);
        assertThat(before.events).hasSize(2);
        assertThat(after.events).hasSize(2);
        assertThat(Aiocop.getCallbackFailureCount() - failuresBefore).isEqualTo(2);
    }

    @Test
    void failingCallbackIsLoggedOncePerMinuteButCountedEveryTime() {
        Aiocop.registerSlowTaskCallback(e -> {
            throw new IllegalStateException("always");
        });
        long counted = Aiocop.getCallbackFailureCount();
        long logged = MonitoringState.FAILURES.loggedCount();
        for (int i = 0; i < 3; i++) {
            loop.run(() -> Aiocop.audit("open", "/x"));
        }
        assertThat(Aiocop.getCallbackFailureCount() - counted).isEqualTo(3);
        assertThat(MonitoringState.FAILURES.loggedCount() - logged).isEqualTo(1);
    }

    @Test
    void callbackThrowingAnErrorDoesNotKillTheLoopThread() {
        Recorder after = new Recorder();
        Aiocop.registerSlowTaskCallback(e -> {
            throw new AssertionError("not an exception");
        });
        Aiocop.registerSlowTaskCallback(after);
        loop.run(() -> Aiocop.audit("open", "/x"));
        loop.run(() -> Aiocop.audit("open", "/y"));
        assertThat(after.events).hasSize(2);
    }

    @Test
    void nullCallbackIsRejectedByName() {
        assertThatNullPointerException().isThrownBy(() -> Aiocop.registerSlowTaskCallback(null))
                .withMessage("callback must not be null");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.unregisterSlowTaskCallback(null))
                .withMessage("callback must not be null");
        assertThatNullPointerException().isThrownBy(() -> Aiocop.detectSlowTasks(30, null))
                .withMessage("onSlowTask must not be null");
    }

    @Test
    void badThresholdIsRejectedAndLeavesCallbacksAndThresholdAsTheyWere() {
        Recorder recorder = new Recorder();
        Aiocop.detectSlowTasks(40);
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.detectSlowTasks(-5, recorder))
                .withMessage("thresholdMs must be > 0, was -5");
        assertThatIllegalArgumentException().isThrownBy(() -> Aiocop.detectSlowTasks(0))
                .withMessageContaining("was 0");
        assertThat(Aiocop.getSlowTaskThresholdMs()).isEqualTo(40);
        loop.run(() -> Aiocop.audit("open", "/x"));
        assertThat(recorder.events).isEmpty();
    }
}
