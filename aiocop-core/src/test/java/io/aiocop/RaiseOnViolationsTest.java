package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RaiseOnViolationsTest {

    private final Recorder recorder = new Recorder();
    private final ManualTicker ticker = new ManualTicker();
    private TestLoop loop;

    @BeforeEach
    void setUp() {
        AiocopReset.reset();
        Aiocop.registerSlowTaskCallback(recorder);
        loop = new TestLoop(TaskMonitor.builder("strict").ticker(ticker));
    }

    @AfterEach
    void tearDown() {
        loop.close();
        AiocopReset.reset();
    }

    @Test
    void callThatMakesTheScoreHighThrowsAtItsCallSiteAndTheRestOfTheTaskDoesNotRun() {
        Aiocop.enableRaiseOnViolations();
        List<String> progress = new ArrayList<>();

        Throwable thrown = loop.runCatching(() -> {
            Aiocop.audit("open", "/a");
            progress.add("after open");
            ticker.advanceMillis(3);
            Aiocop.audit("sleep", "100 ms");
            progress.add("after sleep");
        });

        assertThat(thrown).isInstanceOf(HighSeverityBlockingIoException.class);
        HighSeverityBlockingIoException e = (HighSeverityBlockingIoException) thrown;
        assertThat(e.severityScore()).isEqualTo(60);
        assertThat(e.elapsedMs()).isEqualTo(3.0);
        assertThat(e.events()).extracting(BlockingEventInfo::event).containsExactly("open(/a)", "sleep(100 ms)");
        assertThat(progress).containsExactly("after open");
        // the refused call is still reported
        assertThat(recorder.only().severityLevel()).isEqualTo(SeverityLevel.HIGH);
    }

    @Test
    void scoreBelowHighDoesNotThrow() {
        Aiocop.enableRaiseOnViolations();
        Throwable thrown = loop.runCatching(() -> {
            for (int i = 0; i < 4; i++) {
                Aiocop.audit("open", "/f" + i);
            }
        });
        assertThat(thrown).isNull();
        assertThat(recorder.only().severityScore()).isEqualTo(40);
    }

    @Test
    void fifthModerateCallReachesHighAndThrows() {
        Aiocop.enableRaiseOnViolations();
        int[] done = new int[1];
        Throwable thrown = loop.runCatching(() -> {
            for (int i = 0; i < 6; i++) {
                Aiocop.audit("open", "/f" + i);
                done[0]++;
            }
        });
        assertThat(thrown).isInstanceOf(HighSeverityBlockingIoException.class);
        assertThat(done[0]).isEqualTo(4);
    }

    @Test
    void withoutRaisingHighCallsOnlyGetReported() {
        Throwable thrown = loop.runCatching(() -> Aiocop.audit("sleep", "1 s"));
        assertThat(thrown).isNull();
        assertThat(recorder.only().severityLevel()).isEqualTo(SeverityLevel.HIGH);
    }

    @Test
    void globalSwitchTurnsOnAndOff() {
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isFalse();
        Aiocop.enableRaiseOnViolations();
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isTrue();
        Aiocop.disableRaiseOnViolations();
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isFalse();
        assertThat(loop.runCatching(() -> Aiocop.audit("sleep", "1 s"))).isNull();
    }

    @Test
    @SuppressWarnings("try") // the scope variable is the point, it need not be read
    void scopeInsideTheTaskRaisesAndNestedScopesCloseInOrder() {
        List<Boolean> states = new ArrayList<>();
        Throwable thrown = loop.runCatching(() -> {
            try (RaiseOnViolationsScope outer = Aiocop.raiseOnViolations()) {
                try (RaiseOnViolationsScope inner = Aiocop.raiseOnViolations()) {
                    states.add(Aiocop.isRaiseOnViolationsEnabled());
                }
                states.add(Aiocop.isRaiseOnViolationsEnabled());
                Aiocop.audit("sleep", "in scope");
            }
        });
        loop.run(() -> states.add(Aiocop.isRaiseOnViolationsEnabled()));

        assertThat(thrown).isInstanceOf(HighSeverityBlockingIoException.class);
        assertThat(states).containsExactly(true, true, false);
        assertThat(loop.runCatching(() -> Aiocop.audit("sleep", "after scope"))).isNull();
    }

    @Test
    @SuppressWarnings("try") // the scope variable is the point, it need not be read
    void scopeAppliesToTheThreadThatOpenedItOnly() {
        try (RaiseOnViolationsScope scope = Aiocop.raiseOnViolations()) {
            assertThat(Aiocop.isRaiseOnViolationsEnabled()).isTrue();
            assertThat(loop.runCatching(() -> Aiocop.audit("sleep", "other thread"))).isNull();
        }
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isFalse();
    }

    @Test
    @SuppressWarnings("try") // the scope variable is the point, it need not be read
    void closingTwiceIsHarmlessAndClosingOnAnotherThreadIsRejected() throws Exception {
        RaiseOnViolationsScope scope = Aiocop.raiseOnViolations();
        Throwable fromOther = CompletableFuture.supplyAsync(() -> {
            try {
                scope.close();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        }).get();
        assertThat(fromOther).isInstanceOf(IllegalStateException.class).hasMessageContaining("must be closed on it");
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isTrue();
        scope.close();
        scope.close();
        assertThat(Aiocop.isRaiseOnViolationsEnabled()).isFalse();
        try (RaiseOnViolationsScope again = Aiocop.raiseOnViolations()) {
            assertThat(Aiocop.isRaiseOnViolationsEnabled()).isTrue();
        }
    }

    @Test
    void executorWithBlockingPermittedNeverRaisesButStillReports() {
        Aiocop.enableRaiseOnViolations();
        try (TestLoop pool = new TestLoop(TaskMonitor.builder("blocking-pool").blockingPermitted(true))) {
            assertThat(pool.runCatching(() -> Aiocop.audit("sleep", "1 s"))).isNull();
        }
        assertThat(recorder.only().executorName()).isEqualTo("blocking-pool");
    }
}
