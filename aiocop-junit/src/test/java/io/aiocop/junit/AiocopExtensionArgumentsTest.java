package io.aiocop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aiocop.Aiocop;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public entry points of aiocop-junit that take arguments refuse a null context at once, naming it, and change
 * nothing.
 */
final class AiocopExtensionArgumentsTest {

    /** One bad call. */
    record Case(String call, ThrowingCallable body) {
        @Override
        public String toString() {
            return call;
        }
    }

    static Stream<Case> cases() {
        AiocopExtension extension = new AiocopExtension();
        return Stream.of(new Case("beforeEach(null)", () -> extension.beforeEach(null)),
                new Case("afterEach(null)", () -> extension.afterEach(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nullContextIsRefusedByNameAndChangesNothing(Case bad) {
        boolean detecting = Aiocop.isBlockingIoDetectionStarted();

        Throwable thrown = catchThrowable(bad.body());

        assertThat(thrown).as(bad.call()).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("context must not be null");
        assertThat(Aiocop.isBlockingIoDetectionStarted()).isEqualTo(detecting);
    }
}
