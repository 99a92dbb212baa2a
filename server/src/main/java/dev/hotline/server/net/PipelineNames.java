package dev.hotline.server.net;

/** Names of pipeline stages that other handlers look up or replace. */
final class PipelineNames {
    static final String AUTH_TIMEOUT = "auth-timeout";
    static final String DETECT = "detect";
    static final String AUTH = "auth";

    private PipelineNames() {
    }
}
