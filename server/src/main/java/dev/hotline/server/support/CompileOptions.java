package dev.hotline.server.support;

/**
 * Where a service's snippets, reloaded sources and probe conditions are compiled.
 *
 * @param host true: in a compile host, a JVM of the service's user that the agent starts beside the service
 *        ({@code compile=host}, the default); false: in the service itself ({@code compile=inprocess})
 * @param idleSeconds a compile host with no request for this long exits, giving its memory back; the next request
 *        starts it again ({@code compile-idle=SECONDS}, default {@value #DEFAULT_IDLE_SECONDS}; 0: never)
 * @param heapMegabytes the compile host's maximum heap ({@code compile-heap=MB}, default
 *        {@value #DEFAULT_HEAP_MEGABYTES})
 */
public record CompileOptions(boolean host, int idleSeconds, int heapMegabytes) {
    /**
     * The mode used when {@code compile=} is not given: the host, which keeps javac's memory out of the service and
     * met more of the bench's goals than compiling in the service (README, "Where javac runs").
     */
    public static final String DEFAULT_MODE = "host";
    public static final int DEFAULT_IDLE_SECONDS = 600;
    public static final int DEFAULT_HEAP_MEGABYTES = 256;

    /** The mode as the option spells it. */
    public String mode() {
        return host ? "host" : "inprocess";
    }
}
