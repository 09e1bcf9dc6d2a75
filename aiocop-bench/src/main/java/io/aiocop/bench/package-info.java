/**
 * JMH benchmarks that measure what aiocop costs, each paired with a plain Netty baseline in the same run.
 */
package io.aiocop.bench;
