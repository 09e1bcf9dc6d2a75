/**
 * Internal, no compatibility promise: types that are public only because other aiocop modules or the JVM's
 * instrumentation need to reach them.
 */
package io.aiocop.internal;
