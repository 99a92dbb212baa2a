package dev.hotline.server.channel;

/** Names of pipeline stages that other handlers look up or replace. */
public final class PipelineNames {
    public static final String AUTH_TIMEOUT = "auth-timeout";
    public static final String DETECT = "detect";
    public static final String AUTH = "auth";

    private PipelineNames() {
    }
}
