package dev.hotline.client.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Jupyter front end tells its kernel in the connection file: where to bind the five sockets and the key
 * that signs every message.
 */
record ConnectionFile(String ip, int shell, int iopub, int stdin, int control, int heartbeat, String key) {
    /** Reads one; a file that is not one, or asks for what this kernel does not speak, is a usage error. */
    static ConnectionFile read(Path path) throws CliException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(path)).getAsJsonObject();
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the connection file " + path + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new CliException(ExitCodes.USAGE, "the connection file " + path + " is not JSON: " + e.getMessage());
        }
        String transport = text(json, "transport", "tcp");
        if (!transport.equals("tcp")) {
            throw new CliException(ExitCodes.USAGE, "the connection file asks for transport " + transport
                    + "; this kernel speaks tcp only (start the front end with --transport=tcp, the default)");
        }
        String scheme = text(json, "signature_scheme", "hmac-sha256");
        if (!scheme.equals("hmac-sha256")) {
            throw new CliException(ExitCodes.USAGE, "the connection file asks for signature scheme " + scheme
                    + "; this kernel signs with hmac-sha256 only");
        }
        try {
            return new ConnectionFile(text(json, "ip", "127.0.0.1"), port(json, "shell_port"), port(json, "iopub_port"),
                    port(json, "stdin_port"), port(json, "control_port"), port(json, "hb_port"), text(json, "key", ""));
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "the connection file " + path + " lacks a port: " + e.getMessage());
        }
    }

    /** The ZeroMQ address of a port on this file's interface. */
    String address(int port) {
        return "tcp://" + ip + ":" + port;
    }

    private static String text(JsonObject json, String name, String otherwise) {
        return json.has(name) && !json.get(name).isJsonNull() ? json.get(name).getAsString() : otherwise;
    }

    private static int port(JsonObject json, String name) {
        if (!json.has(name)) {
            throw new IllegalArgumentException("no " + name);
        }
        return json.get(name).getAsInt();
    }
}
