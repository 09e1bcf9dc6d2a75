package com.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Methods that block through each other, for the allow/disallow tests; the rules name this class. */
public final class Nesting {

    private Nesting() {
    }

    /**
     * Allowed: blocks directly.
     *
     * @param file a file to stat
     * @throws IOException never in practice
     */
    public static void allowedOuter(Path file) throws IOException {
        Files.size(file);
    }

    /**
     * Allowed: blocks only through {@link #disallowedInner(Path)}.
     *
     * @param file a file to stat
     * @throws IOException never in practice
     */
    public static void allowedOuterCallingInner(Path file) throws IOException {
        disallowedInner(file);
    }

    /**
     * Disallowed again inside an allowed method.
     *
     * @param file a file to stat
     * @throws IOException never in practice
     */
    public static void disallowedInner(Path file) throws IOException {
        Files.size(file);
    }

    /**
     * Allowed by the test integration found through ServiceLoader.
     *
     * @param file a file to stat
     * @throws IOException never in practice
     */
    public static void allowedByIntegration(Path file) throws IOException {
        Files.size(file);
    }
}
