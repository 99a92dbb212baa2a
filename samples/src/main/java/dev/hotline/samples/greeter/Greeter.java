package dev.hotline.samples.greeter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The greeting logic and its live state, held in statics on purpose: this is what a Hotline user reads and
 * changes from outside ({@code Greeter.template = "Howdy, %s!"}) while the service runs.
 */
public final class Greeter {
    /** The greeting; {@code %s} is replaced by the name. */
    public static volatile String template = "Hello, %s!";

    /** How many greetings were served since start. */
    public static final AtomicLong HITS = new AtomicLong();

    private Greeter() {
    }

    /** @throws IllegalArgumentException for a blank name (the service answers 400) */
    public static String greet(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a name is needed: /greet?name=Ada");
        }
        long hit = HITS.incrementAndGet();
        return String.format(template, name) + " (visit #" + hit + ")";
    }
}
