package com.example.zerocode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the applications share: the file their blocking route reads, and their protocol with the test. */
final class AppSupport {

    private AppSupport() {
    }

    /** Creates the file the blocking route reads. */
    static Path dataFile() throws IOException {
        Path file = Files.createTempFile("zerocode-", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, "hello from a file");
        return file;
    }

    /** Returns the line of the caller's call of this method. */
    static int lineHere() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    /** Tells the test the application listens on {@code port}, then waits until the test closes standard input. */
    static void readyThenWait(int port) throws IOException {
        System.out.println("READY " + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Until the test closes the pipe.
        }
    }

    /** Prints the line of the application's blocking call, for the test to find in aiocop's log. */
    static void printLine(int line) {
        System.out.println("LINE " + line);
        System.out.flush();
    }
}
