package dev.hotline.client.kernel;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One message of the Jupyter messaging protocol, as received: the ZeroMQ identities of the peer that sent it (a
 * reply goes back through them), then its four JSON parts.
 */
record JupyterMessage(List<byte[]> identities, JsonObject header, JsonObject parent, JsonObject metadata,
        JsonObject content) {
    /** {@code execute_request}, {@code kernel_info_request}, ... */
    String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    /** A string of the content, or {@code otherwise} when absent. */
    String text(String name, String otherwise) {
        return content.has(name) && !content.get(name).isJsonNull() ? content.get(name).getAsString() : otherwise;
    }

    /** A boolean of the content, or {@code otherwise} when absent. */
    boolean flag(String name, boolean otherwise) {
        return content.has(name) && !content.get(name).isJsonNull() ? content.get(name).getAsBoolean() : otherwise;
    }

    /** An integer of the content, or {@code otherwise} when absent. */
    int number(String name, int otherwise) {
        return content.has(name) && !content.get(name).isJsonNull() ? content.get(name).getAsInt() : otherwise;
    }
}
