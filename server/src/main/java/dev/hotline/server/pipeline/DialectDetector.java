package dev.hotline.server.pipeline;

import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.auth.Credentials;
import dev.hotline.server.channel.AuthHandler;
import dev.hotline.server.channel.FrameDecoder;
import dev.hotline.server.channel.FrameEncoder;
import dev.hotline.server.channel.PipelineNames;
import dev.hotline.server.line.LineCodec;
import dev.hotline.server.line.LineModeHandler;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.service.Service;
import dev.hotline.server.swank.SwankHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Map;

/**
 * Chooses the connection's dialect from its first bytes, builds the rest of the pipeline for it, and
 * steps aside (bytes it has seen are passed on to the new stages).
 *
 * <p>The rule: six hex digits announcing a length within the frame limit mean framed (native or Swank);
 * anything else, including a newline among the first six bytes, means line mode. Tokens start with
 * {@code hl_}, so a line-mode token line never looks like a header. With auth off, a first line of Java
 * that starts with six hex digits (say {@code facade.run()}) would be taken for a frame: send an empty
 * line first.
 */
public final class DialectDetector extends ByteToMessageDecoder {
    private final Service service;
    private final Credentials credentials;
    private final OpRegistry ops;

    /** @param credentials the tokens clients must present one of, or null when no token is asked */
    public DialectDetector(Service service, Credentials credentials, OpRegistry ops) {
        this.service = service;
        this.credentials = credentials;
        this.ops = ops;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int readable = Math.min(in.readableBytes(), Frames.HEADER_LENGTH);
        int hexDigits = 0;
        int length = 0;
        for (int i = 0; i < readable; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            int digit = Frames.hexValue(b);
            if (digit < 0) {
                useLineMode(ctx.pipeline());
                return;
            }
            hexDigits++;
            length = length << 4 | digit;
        }
        if (hexDigits < Frames.HEADER_LENGTH) {
            return; // all hex so far; wait for the rest of a possible header
        }
        if (length > service.options().maxFrameBytes()) {
            useLineMode(ctx.pipeline());
        } else {
            useFrames(ctx.pipeline());
        }
    }

    private void useFrames(ChannelPipeline p) {
        p.addAfter(PipelineNames.DETECT, "frame-decoder", new FrameDecoder(service.options().maxFrameBytes()));
        p.addAfter("frame-decoder", "frame-encoder", FrameEncoder.INSTANCE);
        String last = "frame-encoder";
        if (credentials != null) {
            p.addAfter(last, PipelineNames.AUTH, new AuthHandler(credentials, DialectDetector::framedAuthFailure));
            last = PipelineNames.AUTH;
        }
        p.addAfter(last, "framed-dialect", new FramedDialectSwitch(service, ops));
        p.remove(this);
    }

    /**
     * The refusal in the framed dialect the client spoke: SLIME (whose first frame is a request when it has no
     * {@code ~/.slime-secret}) gets its request aborted with the reason, a native client gets an error reply.
     */
    private static Object framedAuthFailure(Object presented) {
        String reason = "authentication failed: the first frame must carry one of the service's tokens";
        if (presented instanceof String text && SwankHandler.isSwank(text)) {
            return Sexp.list(Sexp.kw("return"), Sexp.list(Sexp.kw("abort"), Sexp.str(reason + " (put it in ~/.slime-secret)")),
                    SwankHandler.requestId(text));
        }
        return Wire.failed(Plist.builder(), Wire.AUTH_FAILED, reason).build().toSexp();
    }

    private void useLineMode(ChannelPipeline p) {
        String last = PipelineNames.DETECT;
        for (Map.Entry<String, ChannelHandler> stage : LineCodec.stages(service.options().maxFrameBytes()).entrySet()) {
            p.addAfter(last, stage.getKey(), stage.getValue());
            last = stage.getKey();
        }
        if (credentials != null) {
            p.addAfter(last, PipelineNames.AUTH, new AuthHandler(credentials,
                    presented -> "error: authentication failed: the first line must be one of the service's tokens\n"));
            last = PipelineNames.AUTH;
        }
        p.addAfter(last, "line", new LineModeHandler(service));
        p.remove(this);
    }
}
