package io.aiocop.internal;

/**
 * Internal: the argument checks of every aiocop module, so each rule and its message exist once. Public only so
 * that aiocop-netty and the agent's classes reach them.
 *
 * <p>A failed check throws at once, before anything changes, with a message that names the argument, what was
 * expected and the bad value, e.g. {@code thresholdMs must be > 0, was -5} (Caffeine's {@code requireArgument}).
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Throws {@link IllegalArgumentException} with the formatted message unless {@code expression} holds.
     *
     * @param expression the condition
     * @param template   a {@link String#format(String, Object...)} template naming the argument and the rule
     * @param args       the template's arguments, usually the bad value last
     * @throws IllegalArgumentException when {@code expression} is false
     */
    public static void requireArgument(boolean expression, String template, Object... args) {
        if (!expression) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /**
     * Returns {@code value}, or throws {@link NullPointerException} with the message {@code <name> must not be null}.
     *
     * @param value the argument
     * @param name  the argument's name
     * @param <T>   its type
     * @return {@code value}
     * @throws NullPointerException when {@code value} is null
     */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is neither null nor blank.
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is empty or only white space
     */
    public static String requireNonBlank(String value, String name) {
        requireNonNull(value, name);
        requireArgument(!value.isBlank(), "%s must not be blank, was '%s'", name, value);
        return value;
    }

    /**
     * Returns {@code value} when it is at least zero.
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < 0}
     */
    public static long requireNonNegative(long value, String name) {
        requireArgument(value >= 0, "%s must be >= 0, was %d", name, value);
        return value;
    }

    /**
     * Returns {@code value} when it is at least zero.
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value < 0}
     */
    public static int requireNonNegative(int value, String name) {
        requireArgument(value >= 0, "%s must be >= 0, was %d", name, value);
        return value;
    }

    /**
     * Returns {@code value} when it is a finite number of at least zero.
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is negative, NaN or infinite
     */
    public static double requireFiniteNonNegative(double value, String name) {
        requireArgument(Double.isFinite(value) && value >= 0, "%s must be a finite number >= 0, was %s", name, value);
        return value;
    }

    /**
     * Returns {@code value} when it is a finite number {@code >= 0}, or {@code -1}, the "unknown" of a measured
     * time.
     *
     * @param value the argument
     * @param name  the argument's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException otherwise, naming the value
     */
    public static double requireFiniteNonNegativeOrUnknown(double value, String name) {
        requireArgument(value == -1 || Double.isFinite(value) && value >= 0,
                "%s must be a finite number >= 0, or -1 when unknown, was %s", name, value);
        return value;
    }

    /**
     * Returns {@code value} when it is within {@code [min, max]}.
     *
     * @param value the argument
     * @param min   the least value allowed
     * @param max   the greatest value allowed
     * @param name  the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public static int requireInRange(int value, int min, int max, String name) {
        requireArgument(value >= min && value <= max, "%s must be in [%d, %d], was %d", name, min, max, value);
        return value;
    }

    /**
     * Returns {@code value} when it is within {@code [min, max]}.
     *
     * @param value the argument
     * @param min   the least value allowed
     * @param max   the greatest value allowed
     * @param name  the argument's name
     * @return {@code value}
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public static long requireInRange(long value, long min, long max, String name) {
        requireArgument(value >= min && value <= max, "%s must be in [%d, %d], was %d", name, min, max, value);
        return value;
    }

    /**
     * Returns {@code value} when it is a Java binary class name: dot-separated Java identifiers, nested classes
     * joined with {@code $} ({@code com.acme.Cache$Loader}). Keywords are not refused (a class loader would not
     * find such a class anyway).
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is not such a name
     */
    public static String requireBinaryClassName(String value, String name) {
        requireNonNull(value, name);
        requireArgument(isBinaryClassName(value), "%s must be a binary class name like com.acme.Cache$Loader, was '%s'",
                name, value);
        return value;
    }

    /**
     * Returns whether {@code value} is a binary class name as {@link #requireBinaryClassName} accepts it.
     *
     * @param value a string
     * @return true for dot-separated Java identifiers
     */
    public static boolean isBinaryClassName(String value) {
        int start = 0;
        while (true) {
            int dot = value.indexOf('.', start);
            int end = dot < 0 ? value.length() : dot;
            if (!isIdentifier(value, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /**
     * Returns whether {@code value} is a method name as {@link #requireMethodName} accepts it.
     *
     * @param value a string
     * @return true for a Java identifier
     */
    public static boolean isMethodName(String value) {
        return isIdentifier(value, 0, value.length());
    }

    /**
     * Returns {@code value} when it is a Java method name: a Java identifier. Constructors ({@code <init>}) and
     * static initialisers ({@code <clinit>}) cannot be named.
     *
     * @param value the argument
     * @param name  the argument's name
     * @return {@code value}
     * @throws NullPointerException     when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is not a Java identifier
     */
    public static String requireMethodName(String value, String name) {
        requireNonNull(value, name);
        requireArgument(isMethodName(value),
                "%s must be a method name (a Java identifier; constructors cannot be named), was '%s'", name, value);
        return value;
    }

    private static boolean isIdentifier(String s, int start, int end) {
        if (start >= end || !Character.isJavaIdentifierStart(s.codePointAt(start))) {
            return false;
        }
        for (int i = start + Character.charCount(s.codePointAt(start)); i < end; ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            // isJavaIdentifierPart also accepts "ignorable" control characters, which no real name contains.
            if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                return false;
            }
        }
        return true;
    }
}
