package io.aiocop.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiocop.AiocopIntegration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class NettyIntegrationTest {

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(AiocopIntegration.class).stream().map(ServiceLoader.Provider::type))
                .contains(NettyIntegration.class);
    }

    @Test
    void namesDrainingMethodsThatExist() throws Exception {
        for (String type : NettyIntegration.DRAINING_CLASSES) {
            assertThat(Class.forName(type).getDeclaredMethod(NettyIntegration.DRAINING_METHOD)).isNotNull();
        }
    }
}
