package io.aiocop;

/**
 * A library's contribution to the blocking-call agent, found with {@link java.util.ServiceLoader} when
 * {@link Aiocop#patchAuditFunctions()} installs the agent: list the implementation in
 * {@code META-INF/services/io.aiocop.AiocopIntegration}. Like BlockHound's integrations, it declares where the
 * library blocks on purpose and which of its methods block.
 *
 * <p>{@link #applyTo(Rules)} runs once, on the thread that installs the agent, before any class is transformed.
 * An integration that throws is logged and skipped.
 */
public interface AiocopIntegration {

    /**
     * Adds this library's rules.
     *
     * @param rules where to add them
     */
    void applyTo(Rules rules);

    /**
     * The rules an integration may add; each method behaves like the {@link Aiocop} method of the same name.
     */
    interface Rules {

        /**
         * Allows blocking inside a method.
         *
         * @param className  the binary class name, e.g. {@code com.acme.Pool$Worker}
         * @param methodName the method name; every overload is covered
         * @see Aiocop#allowBlockingCallsInside(String, String)
         */
        void allowBlockingCallsInside(String className, String methodName);

        /**
         * Disallows blocking inside a method called from an allowed one.
         *
         * @param className  the binary class name
         * @param methodName the method name; every overload is covered
         * @see Aiocop#disallowBlockingCallsInside(String, String)
         */
        void disallowBlockingCallsInside(String className, String methodName);

        /**
         * Reports calls of a library method as blocking events.
         *
         * @param spec   {@code com.acme.Class#method}
         * @param weight the event's weight
         * @see Aiocop#registerFunctionToPatch(String, int)
         */
        void registerFunctionToPatch(String spec, int weight);
    }
}
