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
            // A zero-code loop publishes its health like a drop-in group's: every task counted (the app's 20 and the one
            // it sends after them), under its group.
            String loop = app.awaitLine(l -> l.startsWith("LOOP "), 60);
            String thread = loop.split(" ")[1];
            assertThat(loop).contains(" group=" + thread.replaceFirst("-\\d+$", "") + " ")
                    .contains(" tasks=21 ").endsWith(" pending=0");
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
