/**
 * aiocop's public API: the {@link io.aiocop.Aiocop} facade, the event records passed to callbacks, severity
 * constants and the loop-agnostic {@link io.aiocop.TaskMonitor} that monitored executors drive.
 */
package io.aiocop;
