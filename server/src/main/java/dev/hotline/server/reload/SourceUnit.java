package dev.hotline.server.reload;

import java.net.URI;

/**
 * One compilation unit's source text, named by a URI: {@code file:///src/com/acme/Pricing.java} for a file (javac's
 * errors then name the file), {@code string:///HotlineTraceProbe3.java} for generated source.
 */
public record SourceUnit(URI uri, String text) { }
