package com.acme;

import java.util.concurrent.atomic.AtomicInteger;

/** An application class whose methods the agent tests register with Aiocop.registerFunctionToPatch. */
public class LegacyClient {

    /** How many times {@link #query(String)} actually ran. */
    public static final AtomicInteger QUERIES = new AtomicInteger();

    /**
     * A blocking query, as far as the tests are concerned.
     *
     * @param sql ignored
     * @return the number of queries run so far
     */
    public int query(String sql) {
        return QUERIES.incrementAndGet();
    }

    /**
     * Another method, registered before the agent is installed.
     *
     * @return always 1
     */
    public static int ping() {
        return 1;
    }

    /**
     * A native method, which cannot be patched.
     *
     * @return never returns: there is no library behind it
     */
    public static native int nativeCall();
}
