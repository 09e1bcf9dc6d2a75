/**
 * Internal, no compatibility promise: the class the agent injects into the bootstrap class loader so that advice
 * inlined into JDK methods can reach aiocop. Its compiled class ships as a resource, never as a loadable class.
 */
package io.aiocop.internal.bootstrap;
