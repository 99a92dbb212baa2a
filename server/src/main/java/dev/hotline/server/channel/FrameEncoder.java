package dev.hotline.server.channel;

import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Sexp;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/** Prints an s-expression and frames it: six hex digits of UTF-8 length, then the bytes. Stateless, shared. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Sexp> {
    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Sexp.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Sexp msg, ByteBuf out) {
        byte[] payload = msg.print().getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[Frames.HEADER_LENGTH];
        Frames.writeHeader(payload.length, header);
        out.writeBytes(header).writeBytes(payload);
    }
}
