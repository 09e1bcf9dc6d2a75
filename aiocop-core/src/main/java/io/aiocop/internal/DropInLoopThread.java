package io.aiocop.internal;

import io.aiocop.TaskMonitor;

/**
 * A thread class whose every instance runs an aiocop drop-in event loop, which times its own tasks, and nothing
 * else; the thread carries the loop's {@link TaskMonitor} in a field of its own. Two lookups on every loop thread's
 * hot paths then cost a class compare or a field load instead of a thread-local read: zero-code mode's advice at
 * Netty's task boundaries leaves such a thread alone, and the agent's hooks (an instrumented call, an allowance such
 * as Netty's {@code addTask} on every {@code execute}) find the monitor in the thread. Implemented by aiocop-netty's
 * loop threads; the class must be final and made only by aiocop. Internal, no compatibility promise.
 */
public interface DropInLoopThread {

    /**
     * Returns the monitor bound to this thread.
     *
     * @return the monitor, or null while none is bound; read on this thread only
     */
    TaskMonitor boundMonitor();

    /**
     * Binds or unbinds this thread's monitor; called by {@link TaskMonitor} on this thread only.
     *
     * @param monitor the monitor, or null to unbind
     */
    void bindMonitor(TaskMonitor monitor);
}
