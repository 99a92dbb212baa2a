package dev.hotline.client.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final List<String> dropped = new ArrayList<>();

    private static JsonObject code(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return content;
    }

    @Test
    void aSignedMessageDecodesWithItsIdentitiesAndContent() {
        MessageCodec codec = new MessageCodec("secret");
        List<byte[]> frames = codec.encode(List.of("peer".getBytes(StandardCharsets.UTF_8)), "execute_request", null,
                code("1+1"));
        JupyterMessage message = codec.decode(frames, dropped::add).orElseThrow();
        assertEquals("execute_request", message.type());
        assertEquals("1+1", message.text("code", ""));
        assertEquals("peer", new String(message.identities().get(0), StandardCharsets.UTF_8));
        assertEquals("5.3", message.header().get("version").getAsString());
        assertEquals(List.of(), dropped);
    }

    @Test
    void anotherKeyATamperedPartOrNoSignatureIsDropped() {
        List<byte[]> forged = new MessageCodec("other").encode(List.of(), "execute_request", null, code("1+1"));
        MessageCodec codec = new MessageCodec("secret");
        assertTrue(codec.decode(forged, dropped::add).isEmpty());

        List<byte[]> tampered = new ArrayList<>(codec.encode(List.of(), "execute_request", null, code("1+1")));
        tampered.set(tampered.size() - 1, code("System.exit(0)").toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(codec.decode(tampered, dropped::add).isEmpty());

        List<byte[]> unsigned = new ArrayList<>(new MessageCodec("").encode(List.of(), "execute_request", null,
                code("1+1")));
        assertTrue(codec.decode(unsigned, dropped::add).isEmpty());

        assertTrue(codec.decode(List.of("junk".getBytes(StandardCharsets.UTF_8)), dropped::add).isEmpty());
        assertEquals(List.of("a message with a wrong signature", "a message with a wrong signature",
                "an unsigned message", "a message without Jupyter's delimiter and parts"), dropped);
    }

    @Test
    void anEmptyKeyMeansTheFrontEndAskedForNoSigning() {
        MessageCodec codec = new MessageCodec("");
        assertTrue(codec.decode(new MessageCodec("").encode(List.of(), "kernel_info_request", null, new JsonObject()),
                dropped::add).isPresent());
    }
}
