package dev.hotline.server.line;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The line dialect's codec: bytes split at {@code \n} or {@code \r\n} into lines of at most
 * {@code maxLineBytes} (a longer line becomes a {@link io.netty.handler.codec.TooLongFrameException} and is
 * skipped), decoded as UTF-8 (malformed bytes become U+FFFD); strings written back as UTF-8.
 */
public final class LineCodec {
    private LineCodec() {
    }

    /** The codec's pipeline stages by name, in pipeline order. */
    public static Map<String, ChannelHandler> stages(int maxLineBytes) {
        Map<String, ChannelHandler> stages = new LinkedHashMap<>();
        stages.put("line-decoder", new LineBasedFrameDecoder(maxLineBytes, true, true));
        stages.put("string-decoder", new StringDecoder(StandardCharsets.UTF_8));
        stages.put("string-encoder", new StringEncoder(StandardCharsets.UTF_8));
        return stages;
    }
}
