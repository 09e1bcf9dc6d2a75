/**
 * A JUnit 5 extension that fails a test when a monitored event loop blocked or stalled while it ran.
 */
package io.aiocop.junit;
