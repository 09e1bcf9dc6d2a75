/**
 * Micrometer metrics of aiocop's reports: bind {@link io.aiocop.micrometer.AiocopMetrics} to a registry.
 */
package io.aiocop.micrometer;
