package io.aiocop.junit;

import io.aiocop.SeverityLevel;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test when a monitored executor reported a blocking call (or, optionally, a slow task) while the test
 * ran. On a class it applies to every test; a method's annotation overrides the class's.
 *
 * <pre>{@code
 * @DetectBlockingCalls(failOn = SeverityLevel.MEDIUM)
 * final class HandlerTest {
 *     @Test
 *     void handlerDoesNotBlock() { ... }   // fails if a task on a monitored loop scored MEDIUM or more
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(AiocopExtension.class)
public @interface DetectBlockingCalls {

    /**
     * The lowest severity level of a reported task that fails the test.
     *
     * @return {@link SeverityLevel#LOW} (the default) fails on any blocking call
     */
    SeverityLevel failOn() default SeverityLevel.LOW;

    /**
     * Whether a task that ran past its threshold without blocking calls ({@code CPU_BLOCKING}) fails the test.
     *
     * @return false by default
     */
    boolean failOnSlowTasks() default false;
}
