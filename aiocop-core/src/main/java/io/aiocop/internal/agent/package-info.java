/**
 * The blocking-call agent: the only package that uses ByteBuddy. It installs the advice into the JDK's blocking
 * methods and reaches aiocop's engine only through {@link io.aiocop.internal.agent.AgentHooks}. Internal, no
 * compatibility promise.
 */
package io.aiocop.internal.agent;
