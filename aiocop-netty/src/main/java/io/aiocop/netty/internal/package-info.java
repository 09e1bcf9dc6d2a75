/**
 * Internal, no compatibility promise: types of aiocop-netty that are public only because the JVM's
 * {@link java.util.ServiceLoader} needs to reach them.
 */
package io.aiocop.netty.internal;
