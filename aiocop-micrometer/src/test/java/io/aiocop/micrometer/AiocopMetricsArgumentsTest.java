package io.aiocop.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public entry point of aiocop-micrometer that takes arguments refuses a bad one at once, naming it, and
 * registers no meter.
 */
final class AiocopMetricsArgumentsTest {

    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    /** One bad call: what it must throw and what its message must mention. */
    record Case(String call, Class<? extends Throwable> type, ThrowingCallable body, List<String> mentions) {
        @Override
        public String toString() {
            return call;
        }
    }

    static Stream<Case> cases() {
        AiocopMetrics bound = new AiocopMetrics();
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        bound.bindTo(first);
        return Stream.of(
                new Case("new AiocopMetrics(null)", NullPointerException.class, () -> new AiocopMetrics(null),
                        List.of("tags must not be null")),
                new Case("new AiocopMetrics([tag, null])", NullPointerException.class,
                        () -> new AiocopMetrics(Arrays.asList(Tag.of("app", "a"), null)),
                        List.of("tags", "must not contain null", "index 1")),
                new Case("bindTo(null)", NullPointerException.class, () -> new AiocopMetrics().bindTo(null),
                        List.of("registry must not be null")),
                new Case("bindTo(second registry)", IllegalStateException.class, () -> {
                    try {
                        bound.bindTo(REGISTRY);
                    } finally {
                        bound.close();
                    }
                }, List.of("already bound", "one per registry")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badArgumentIsRefusedNamingItAndRegistersNothing(Case bad) {
        int meters = REGISTRY.getMeters().size();

        Throwable thrown = catchThrowable(bad.body());

        assertThat(thrown).as(bad.call()).isExactlyInstanceOf(bad.type());
        for (String mention : bad.mentions()) {
            assertThat(thrown.getMessage()).as(bad.call()).contains(mention);
        }
        assertThat(REGISTRY.getMeters()).as(bad.call()).hasSize(meters);
    }
}
