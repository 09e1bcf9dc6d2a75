package io.aiocop.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;

final class GlobalMetricsZeroCodeTest {

    @Test
    void metricsGlobalBindsAiocopsMetersToMicrometersGlobalRegistry() throws Exception {
        String classPath = ForkedApp.netty42ClassPath() + File.pathSeparator + System.getProperty("aiocop.micrometerJar");
        try (ForkedApp app = ForkedApp.start(classPath, "com.example.zerocode.MetricsApp", true, "metrics=global")) {
            String count = app.awaitLine(l -> l.startsWith("COUNT "), 60);
            assertThat(count).isNotEqualTo("COUNT 0");
            assertThat(app.output()).contains("aiocop: meters bound to Micrometer's global registry");
        }
    }

    @Test
    void withoutMetricsGlobalTheGlobalRegistryHasNoAiocopMeters() throws Exception {
        String classPath = ForkedApp.netty42ClassPath() + File.pathSeparator + System.getProperty("aiocop.micrometerJar");
        try (ForkedApp app = ForkedApp.start(classPath, "com.example.zerocode.MetricsApp", true, "")) {
            assertThat(app.awaitLine(l -> l.startsWith("COUNT "), 60)).isEqualTo("COUNT 0");
        }
    }
}
