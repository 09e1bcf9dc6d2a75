package io.aiocop.internal;

/**
 * Marks a thread class whose every instance runs an aiocop drop-in event loop, which times its own tasks, and
 * nothing else. Zero-code mode's advice then leaves such a thread with one class compare at each of Netty's task
 * boundaries instead of a thread-local lookup. Implemented by aiocop-netty's loop threads; the class must be final
 * and made only by aiocop. Internal, no compatibility promise.
 */
public interface DropInLoopThread {
}
