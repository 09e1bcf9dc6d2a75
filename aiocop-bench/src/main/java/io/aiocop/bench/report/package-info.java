/**
 * Turns JMH's JSON results into the Markdown table, the PNG chart and the met / not met verdicts on the targets.
 */
package io.aiocop.bench.report;
