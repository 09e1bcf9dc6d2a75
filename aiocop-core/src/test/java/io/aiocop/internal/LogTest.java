package io.aiocop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LogTest {

    @Test
    void placeholdersAreFilledInOrderAndExtraOnesStay() {
        assertThat(Log.format("a {} b {} c {}", new Object[] {1, "two"})).isEqualTo("a 1 b two c {}");
        assertThat(Log.format("no placeholder", new Object[] {1})).isEqualTo("no placeholder");
        assertThat(Log.format("{}{}", new Object[] {null, 'x'})).isEqualTo("nullx");
    }

    @Test
    void slf4jBacksTheLogWhereItIsOnTheClassPath() {
        assertThat(Log.usesSlf4j()).isTrue();
    }
}
