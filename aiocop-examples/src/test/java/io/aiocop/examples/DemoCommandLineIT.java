package io.aiocop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DemoCommandLineIT {

    @Test
    void helpDescribesServeAndExitsZero() throws Exception {
        DemoProcess demo = DemoProcess.start("--help");
        assertThat(demo.waitFor()).isZero();
        assertThat(demo.output()).contains("usage: java -jar aiocop-demo.jar", "--serve",
                "listening on http://127.0.0.1:PORT", "/metrics");
    }

    @Test
    void unknownArgumentIsNamedAndExitsTwo() throws Exception {
        DemoProcess demo = DemoProcess.start("--serv");
        assertThat(demo.waitFor()).isEqualTo(2);
        assertThat(demo.output()).contains("aiocop-demo: unknown argument '--serv'", "usage:");
    }

    @Test
    void portOutOfRangeIsNamedAndExitsTwo() throws Exception {
        DemoProcess demo = DemoProcess.start("--serve", "--port", "70000");
        assertThat(demo.waitFor()).isEqualTo(2);
        assertThat(demo.output()).contains("--port must be from 1 to 65535, was 70000");
    }
}
