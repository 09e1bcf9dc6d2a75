package io.aiocop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where {@code Thread.sleep(long)} and {@code Object.wait(long)} are native (Java 17) they are not instrumented (never
 * wrapped, whatever the JVM flags: see {@link NativeMethodsJfrMatrixAgentTest}), so a fast task's calls of them are
 * not reported (sampling sees only tasks past half their threshold, {@link SampledBlockingTest}); where they are
 * Java (21+), they are instrumented.
 */
final class NativeMethodsAgentTest {

    private static final Object LOCK = new Object();

    @BeforeAll
    static void install() {
        AgentFixtures.installAgent();
    }

    @Test
    void sleepAndWaitWithMillisAreReportedExactlyWhereTheyAreJavaCode() throws Exception {
        boolean nativeSleep = Modifier.isNative(Thread.class.getDeclaredMethod("sleep", long.class).getModifiers());
        boolean nativeWait = Modifier.isNative(Object.class.getDeclaredMethod("wait", long.class).getModifiers());
        assertThat(nativeSleep).isEqualTo(Runtime.version().feature() < 19);
        assertThat(nativeWait).isEqualTo(Runtime.version().feature() < 21);

        try (AgentTestLoop loop = new AgentTestLoop("native")) {
            assertThat(loop.runTask(() -> Thread.sleep(1)).events()).hasSize(nativeSleep ? 0 : 1);
            assertThat(loop.runTask(() -> {
                synchronized (LOCK) {
                    LOCK.wait(1);
                }
            }).events()).hasSize(nativeWait ? 0 : 1);
        }
    }
}
