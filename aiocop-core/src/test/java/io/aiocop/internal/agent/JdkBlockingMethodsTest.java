package io.aiocop.internal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class JdkBlockingMethodsTest {

    @Test
    void theJdkTableNamesNoNettyClass() {
        // Netty's allowances live in aiocop-netty's AiocopIntegration, as Netty ships its own BlockHound integration.
        assertThat(JdkBlockingMethods.targets()).extracting(InstrumentationTarget::typeName)
                .noneMatch(type -> type.startsWith("io.netty."));
    }

    @Test
    void everyTargetIsEitherABlockingOperationOrAnAllowance() {
        assertThat(JdkBlockingMethods.targets()).allSatisfy(target -> {
            if (target instanceof InstrumentationTarget.Blocking) {
                assertThat(((InstrumentationTarget.Blocking) target).operation()).isNotBlank();
            } else {
                assertThat(((InstrumentationTarget.Allowance) target).key()).startsWith(target.typeName() + "#");
            }
        });
    }
}
