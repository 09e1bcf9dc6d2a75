/**
 * Stand-in application code for the benchmarks: frames that aiocop must treat as the user's, not its own.
 */
package example.app;
