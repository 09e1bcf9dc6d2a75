/**
 * Applications that know nothing of aiocop, run in forked JVMs by the tests of {@code io.aiocop.it}: each prints
 * {@code READY <port>} when it listens, {@code LINE <n>} for the source line of its blocking call, and exits when
 * its standard input closes.
 */
package com.example.zerocode;
