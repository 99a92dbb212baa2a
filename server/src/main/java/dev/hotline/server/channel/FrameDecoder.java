package dev.hotline.server.channel;

import dev.hotline.protocol.FrameException;
import dev.hotline.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frame payloads ({@link String}s), per {@link Frames}. Bad input becomes a
 * {@link FrameException} message passed downstream, never a thrown exception, so the handler after this
 * one answers it like any request. The policy at the limits:
 * <ul>
 *   <li>a header that is not six hex digits: emitted once, then all further input is discarded (the stream
 *       cannot be resynchronised; the handler closes the connection);</li>
 *   <li>a frame longer than {@code maxPayload}: emitted as soon as the header is read, then exactly that many
 *       bytes are skipped without being buffered, and decoding goes on;</li>
 *   <li>a payload that is not UTF-8: emitted in its place, decoding goes on.</li>
 * </ul>
 * One instance per connection (it is stateful).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxPayload;
    private long discarding;
    private boolean broken;

    public FrameDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (discarding > 0) {
            int skip = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(skip);
            discarding -= skip;
            if (discarding > 0) {
                return;
            }
        }
        if (in.readableBytes() < Frames.HEADER_LENGTH) {
            return;
        }
        byte[] header = new byte[Frames.HEADER_LENGTH];
        in.getBytes(in.readerIndex(), header);
        int length;
        try {
            length = Frames.parseHeader(header);
        } catch (FrameException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            out.add(e);
            return;
        }
        if (length > maxPayload) {
            in.skipBytes(Frames.HEADER_LENGTH);
            discarding = length;
            out.add(Frames.tooLong(length, maxPayload));
            return;
        }
        if (in.readableBytes() < Frames.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(Frames.HEADER_LENGTH);
        byte[] payload = new byte[length];
        in.readBytes(payload);
        try {
            out.add(Frames.decodeUtf8(payload));
        } catch (FrameException e) {
            out.add(e);
        }
    }
}
