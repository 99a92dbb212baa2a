package dev.hotline.server.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.SexpReader;
import dev.hotline.server.auth.Credentials;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.image.Snapshots;
import dev.hotline.server.ops.OpRegistry;
import dev.hotline.server.probe.LineProbes;
import dev.hotline.server.profile.Profiler;
import dev.hotline.server.reload.Javac;
import dev.hotline.server.reload.Reloader;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.RunFiles;
import dev.hotline.server.support.ServerOptions;
import dev.hotline.server.trace.ClassWeaving;
import dev.hotline.server.trace.ProbeAccounts;
import dev.hotline.server.trace.Tracer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * A connection to a real server pipeline ({@link ServerInitializer}, so detection, auth and the dialects'
 * handlers as in production) on an {@link EmbeddedChannel}, with a real service whose sessions evaluate with
 * an in-process JShell. Bytes go in and come out as they would on a socket, with no port and no child JVM.
 *
 * <p>Session workers write to the channel from their own threads; a test reads the output only after
 * {@link #settle()}, which waits for the session to finish its work, so reads never race those writes.
 */
final class InMemoryConnection implements AutoCloseable {
    private static Instrumentation instrumentation;

    private final Service service;
    private final EmbeddedChannel channel;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /** A new connection to {@code service}. */
    InMemoryConnection(Service service) throws IOException {
        this.service = service;
        Credentials credentials = service.options().authRequired()
                ? Credentials.loadOrCreate(service.options().runDirectory(), RunFiles::writeAtomically) : null;
        this.channel = new EmbeddedChannel(ServerInitializer.forPort(service, credentials, OpRegistry.standard(), null));
    }

    /**
     * A service as the agent's start builds it, in {@code runDir}, with auth on unless {@code options} say
     * otherwise; {@code options} are agent options to add or override.
     */
    static Service service(Path runDir, Map<String, String> options) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("name", "mem", "dir", runDir.toString(), "exit-guard", "false"));
        all.putAll(options);
        ServerOptions parsed = ServerOptions.from(all);
        parsed.runDirectory().create();
        SessionRegistry sessions = new SessionRegistry(instrumentation(), new SessionLimits(parsed.recycleAfter(),
                parsed.maxOutputBytes(), parsed.maxValueChars(), parsed.stopThreads(), parsed.evalTimeoutSeconds(),
                parsed.exitGuard()), SessionRegistry.IN_PROCESS);
        SourceCompiler compiler = new SourceCompiler(new Javac(sessions.appClassFileManager(),
                System.getProperty("java.class.path", "")));
        Reloader reloader = new Reloader(instrumentation(), compiler);
        ClassWeaving weaving = new ClassWeaving(instrumentation(), reloader.log());
        ProbeAccounts accounts = new ProbeAccounts(parsed.probes().budgetPercent());
        return new Service(parsed, sessions, reloader,
                new Snapshots(parsed.name(), parsed.imageFile(), sessions, reloader, Snapshots.Resume.NONE),
                new Tracer(instrumentation(), compiler, weaving, parsed.maxValueChars(), accounts),
                new LineProbes(instrumentation(), compiler, weaving, parsed.maxValueChars(), parsed.probes(), accounts),
                new Profiler(), () -> { });
    }

    private static synchronized Instrumentation instrumentation() {
        if (instrumentation == null) {
            instrumentation = ByteBuddyAgent.install();
        }
        return instrumentation;
    }

    /** The token, as a client reads it from the token file. */
    String token() throws IOException {
        return Files.readString(service.options().runDirectory().tokenFile()).strip();
    }

    /** The observe token, as a client in the service's group reads it. */
    String observeToken() throws IOException {
        return Files.readString(service.options().runDirectory().observeTokenFile()).strip();
    }

    /** Sends raw bytes, as a client's socket would. */
    void sendBytes(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, UTF_8));
    }

    /** Sends one frame. */
    void sendFrame(String payload) {
        channel.writeInbound(Unpooled.wrappedBuffer(Frames.encode(payload)));
    }

    /** Sends the token as the first frame. */
    void authenticateFramed() throws IOException {
        sendFrame(token());
    }

    /** The client closes its sending side, as {@code nc -N} does. */
    void shutdownInput() {
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    }

    /** Waits until the session {@code main} has done everything queued so far, then runs the channel's tasks. */
    void settle() throws Exception {
        settle(SessionRegistry.DEFAULT_SESSION);
    }

    /** Waits until {@code session} has done everything queued so far, then runs the channel's tasks. */
    void settle(String session) throws Exception {
        service.sessions().named(session).submit(evaluation -> { }).get(60, TimeUnit.SECONDS);
        channel.runPendingTasks();
    }

    /** Everything written to the client so far, as text. */
    String text() {
        drain();
        return received.toString(UTF_8);
    }

    /** The frames written to the client so far, read as s-expressions. */
    List<Sexp> frames() throws IOException {
        drain();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(received.toByteArray()), Frames.MAX_ENCODABLE);
        List<Sexp> frames = new ArrayList<>();
        for (String payload = reader.read(); payload != null; payload = reader.read()) {
            frames.add(SexpReader.DEFAULT.read(payload));
        }
        return frames;
    }

    /** The frames written so far, as plists (native replies). */
    List<Plist> replies() throws IOException {
        List<Plist> replies = new ArrayList<>();
        for (Sexp frame : frames()) {
            replies.add(Plist.from(frame));
        }
        return replies;
    }

    boolean isOpen() {
        channel.runPendingTasks();
        return channel.isOpen();
    }

    private void drain() {
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) out;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            received.writeBytes(bytes);
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
