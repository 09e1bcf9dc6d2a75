/**
 * Runnable examples of aiocop; not part of the library.
 */
package io.aiocop.examples;
