/**
 * Zero-code mode tested as a user runs it: each test forks a JVM with {@code -javaagent:aiocop-core.jar} and an
 * application of {@code com.example.zerocode} that knows nothing of aiocop, talks to it as a client, and reads
 * aiocop's log from the forked JVM's output.
 */
package io.aiocop.it;
