/**
 * Monitored Netty 4.2 event loops: drop-in groups that time every task and I/O dispatch.
 */
package io.aiocop.netty;
