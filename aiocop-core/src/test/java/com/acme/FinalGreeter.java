package com.acme;

/** A final application class, which only Mockito's inline mock maker can mock: it retransforms the class. */
public final class FinalGreeter {

    /**
     * Greets someone.
     *
     * @param name who
     * @return {@code "hello " + name}
     */
    public String greet(String name) {
        return "hello " + name;
    }
}
