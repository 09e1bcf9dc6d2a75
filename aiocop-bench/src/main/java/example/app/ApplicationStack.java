package example.app;

import io.aiocop.Aiocop;

/**
 * Stands in for application code that makes a blocking call some frames deep, for the recording benchmark.
 *
 * <p>It lives outside {@code io.aiocop} on purpose, so that aiocop's trace capture sees these frames as the
 * application's, as it would a real handler's, whichever packages aiocop registers as its own.
 */
public final class ApplicationStack {

    private ApplicationStack() {
    }

    /**
     * Runs {@code call} under {@code frames} nested calls of this method.
     *
     * @param frames how deep to call, at least 1
     * @param call   what to run at the bottom
     */
    public static void callAtDepth(int frames, Runnable call) {
        if (frames <= 1) {
            call.run();
        } else {
            callAtDepth(frames - 1, call);
        }
    }

    /** Reports the blocking read an application would make here. */
    public static void readConfigFile() {
        Aiocop.audit("file.read", "/etc/app/config.json");
    }

    /** Does nothing: the baseline of {@link #readConfigFile()}. */
    public static void nothing() {
        // The recursion above is the work being compared against.
    }
}
