package io.aiocop.internal;

import java.util.Arrays;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one logger of aiocop-core: SLF4J when it is on the class path with a provider to log to, else the JDK's
 * {@link System.Logger}. Internal, no compatibility promise.
 *
 * <p>{@code slf4j-api} is a dependency of aiocop-core, but a JVM started with {@code -javaagent:aiocop-core.jar}
 * may have no SLF4J on its class path; the agent must start there too, so no aiocop class that runs without SLF4J
 * refers to it: only {@link Slf4j} does, and it is loaded only when SLF4J is there. The choice is made once, when
 * this class initialises. Messages use SLF4J's {@code {}} placeholders on both paths; a {@link Throwable} as the
 * last argument is logged as the exception. Thread-safe.
 */
public abstract class Log {

    private static final boolean SLF4J = slf4jPresent();

    Log() {
    }

    /**
     * Returns the logger named {@code name}.
     *
     * @param name the logger name, e.g. {@code io.aiocop}
     * @return the logger, backed by SLF4J when it is on the class path, else by {@link System.Logger}
     */
    public static Log get(String name) {
        return SLF4J ? new Slf4j(name) : new JdkLog(name);
    }

    /**
     * Returns whether SLF4J backs the loggers in this JVM.
     *
     * @return true when {@code org.slf4j.LoggerFactory} was loadable
     */
    public static boolean usesSlf4j() {
        return SLF4J;
    }

    /**
     * SLF4J backs the loggers only when it can log: {@code slf4j-api} alone, with no provider, would print its
     * "no providers" warning on stderr and then drop every aiocop report, so that case falls back to
     * {@link System.Logger} like a JVM without SLF4J. SLF4J 2 finds providers with the {@link ServiceLoader} or the
     * {@code slf4j.provider} property; SLF4J 1.x bindings ship {@code org.slf4j.impl.StaticLoggerBinder}.
     */
    private static boolean slf4jPresent() {
        ClassLoader loader = Log.class.getClassLoader();
        if (!loadable("org.slf4j.LoggerFactory", loader)) {
            return false;
        }
        if (System.getProperty("slf4j.provider") != null) {
            return true;
        }
        try {
            Class<?> provider = Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
            return ServiceLoader.load(provider, loader).stream().findAny().isPresent();
        } catch (ClassNotFoundException e) {
            return loadable("org.slf4j.impl.StaticLoggerBinder", loader);
        } catch (ServiceConfigurationError | LinkageError e) {
            return false;
        }
    }

    private static boolean loadable(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns whether DEBUG messages are logged.
     *
     * @return true when enabled
     */
    public abstract boolean isDebugEnabled();

    /**
     * Returns whether WARN messages are logged.
     *
     * @return true when enabled
     */
    public abstract boolean isWarnEnabled();

    /**
     * Logs at DEBUG.
     *
     * @param format    the message with {@code {}} placeholders
     * @param arguments the values, optionally ending with a {@link Throwable}
     */
    public abstract void debug(String format, Object... arguments);

    /**
     * Logs at INFO.
     *
     * @param format    the message with {@code {}} placeholders
     * @param arguments the values, optionally ending with a {@link Throwable}
     */
    public abstract void info(String format, Object... arguments);

    /**
     * Logs at WARN.
     *
     * @param format    the message with {@code {}} placeholders
     * @param arguments the values, optionally ending with a {@link Throwable}
     */
    public abstract void warn(String format, Object... arguments);

    /**
     * Logs at ERROR.
     *
     * @param format    the message with {@code {}} placeholders
     * @param arguments the values, optionally ending with a {@link Throwable}
     */
    public abstract void error(String format, Object... arguments);

    /** The SLF4J path; the only class of aiocop-core that refers to SLF4J. */
    private static final class Slf4j extends Log {
        private final org.slf4j.Logger logger;

        Slf4j(String name) {
            logger = org.slf4j.LoggerFactory.getLogger(name);
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isWarnEnabled();
        }

        @Override
        public void debug(String format, Object... arguments) {
            logger.debug(format, arguments);
        }

        @Override
        public void info(String format, Object... arguments) {
            logger.info(format, arguments);
        }

        @Override
        public void warn(String format, Object... arguments) {
            logger.warn(format, arguments);
        }

        @Override
        public void error(String format, Object... arguments) {
            logger.error(format, arguments);
        }
    }

    /**
     * The path without SLF4J: {@link System.Logger}, which is {@code java.util.logging} unless the application
     * installed another {@link System.LoggerFinder}; its default configuration writes INFO and above to standard
     * error, as any JDK component logging there does.
     */
    private static final class JdkLog extends Log {
        private final System.Logger logger;

        JdkLog(String name) {
            logger = System.getLogger(name);
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isLoggable(System.Logger.Level.DEBUG);
        }

        @Override
        public boolean isWarnEnabled() {
            return logger.isLoggable(System.Logger.Level.WARNING);
        }

        @Override
        public void debug(String format, Object... arguments) {
            log(System.Logger.Level.DEBUG, format, arguments);
        }

        @Override
        public void info(String format, Object... arguments) {
            log(System.Logger.Level.INFO, format, arguments);
        }

        @Override
        public void warn(String format, Object... arguments) {
            log(System.Logger.Level.WARNING, format, arguments);
        }

        @Override
        public void error(String format, Object... arguments) {
            log(System.Logger.Level.ERROR, format, arguments);
        }

        private void log(System.Logger.Level level, String format, Object[] arguments) {
            if (!logger.isLoggable(level)) {
                return;
            }
            Throwable thrown = arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable t ? t : null;
            Object[] values = thrown == null ? arguments : Arrays.copyOf(arguments, arguments.length - 1);
            String message = format(format, values);
            if (thrown == null) {
                logger.log(level, message);
            } else {
                logger.log(level, message, thrown);
            }
        }
    }

    /** Replaces each {@code {}} in {@code format} by the next value, as SLF4J does (no escapes). */
    static String format(String format, Object[] values) {
        StringBuilder out = new StringBuilder(format.length() + 16 * values.length);
        int from = 0;
        int next = 0;
        while (true) {
            int at = format.indexOf("{}", from);
            if (at < 0 || next >= values.length) {
                break;
            }
            out.append(format, from, at).append(values[next++]);
            from = at + 2;
        }
        return out.append(format, from, format.length()).toString();
    }
}
