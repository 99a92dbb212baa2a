package dev.hotline.client.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Jupyter wire format: identities, the {@code <IDS|MSG>} delimiter, the HMAC-SHA256 signature (hex) of the
 * header, parent header, metadata and content, then those four as JSON. A message whose signature does not
 * verify is dropped: with the key, only the front end that started this kernel can run code through it. An empty
 * key means the front end asked for no signing (Jupyter's rule), and then nothing is checked.
 */
final class MessageCodec {
    static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    /** A MAC per thread (shell, control and the service link's reader all sign), made once: making one is slow. */
    private final ThreadLocal<Mac> macs;

    MessageCodec(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
            }
        });
    }

    /**
     * The message in {@code frames}; empty when they are not one or its signature is wrong (said to
     * {@code dropped}, which the kernel logs).
     */
    Optional<JupyterMessage> decode(List<byte[]> frames, Consumer<String> dropped) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            dropped.accept("a message without Jupyter's delimiter and parts");
            return Optional.empty();
        }
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        byte[] signature = frames.get(delimiter + 1);
        if (key.length > 0 && !MessageDigest.isEqual(signature, sign(parts).getBytes(StandardCharsets.US_ASCII))) {
            dropped.accept(signature.length == 0 ? "an unsigned message" : "a message with a wrong signature");
            return Optional.empty();
        }
        try {
            return Optional.of(new JupyterMessage(List.copyOf(frames.subList(0, delimiter)), json(parts.get(0)),
                    json(parts.get(1)), json(parts.get(2)), json(parts.get(3))));
        } catch (JsonParseException | IllegalStateException e) {
            dropped.accept("a message whose parts are not JSON objects");
            return Optional.empty();
        }
    }

    /** The frames of a new message of {@code type} answering {@code parent} (null: none), signed. */
    List<byte[]> encode(List<byte[]> identities, String type, JupyterMessage parent, JsonObject content) {
        List<byte[]> parts = List.of(bytes(header(type)), bytes(parent == null ? new JsonObject() : parent.header()),
                bytes(new JsonObject()), bytes(content));
        List<byte[]> frames = new ArrayList<>(identities);
        frames.add(DELIMITER);
        frames.add(sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        return frames;
    }

    private JsonObject header(String type) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "hotline");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }

    private String sign(List<byte[]> parts) {
        if (key.length == 0) {
            return "";
        }
        Mac mac = macs.get();
        parts.forEach(mac::update);
        return HexFormat.of().formatHex(mac.doFinal()); // doFinal also resets it for the next message
    }

    private static JsonObject json(byte[] part) {
        return JsonParser.parseString(new String(part, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static byte[] bytes(JsonObject json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
