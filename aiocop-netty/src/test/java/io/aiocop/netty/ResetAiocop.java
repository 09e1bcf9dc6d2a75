package io.aiocop.netty;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts aiocop's JVM-wide switches in the state every test here starts from (active, detecting, global threshold
 * 30 ms, raising off) before each test, and back after it, since tests change them.
 */
final class ResetAiocop implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Loops.resetAiocop();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Loops.resetAiocop();
    }
}
