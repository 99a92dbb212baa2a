package dev.hotline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;

/**
 * An IDE's side of a {@code hotline dap} process (the real CLI, on its standard input and output), with lsp4j's
 * client launcher: requests through {@link #server()}, and the events the adapter sends kept in order, to wait for.
 */
final class DapClient implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path stderr;
    private final HotlineServer server;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Object> passedOver = new ArrayList<>();

    private DapClient(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        IDebugProtocolClient client = new IDebugProtocolClient() {
            @Override
            public void initialized() {
                events.add("initialized");
            }

            @Override
            public void output(OutputEventArguments args) {
                events.add(args);
            }

            @Override
            public void stopped(StoppedEventArguments args) {
                events.add(args);
            }

            @Override
            public void thread(ThreadEventArguments args) {
                events.add(args);
            }

            @Override
            public void breakpoint(BreakpointEventArguments args) {
                events.add(args);
            }

            @Override
            public void terminated(TerminatedEventArguments args) {
                events.add(args);
            }
        };
        Launcher<HotlineServer> launcher = DebugLauncher.createLauncher(client, HotlineServer.class,
                process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        this.server = launcher.getRemoteProxy();
    }

    /** The adapter's requests: the protocol's, and Hotline's own. */
    interface HotlineServer extends IDebugProtocolServer {
        /** Reloads {@code files} in the service; the answer holds its {@code report}. */
        @JsonRequest("hotline/reload")
        CompletableFuture<Map<String, Object>> reload(Map<String, Object> args);
    }

    /** Starts {@code hotline dap ARGS}. */
    static DapClient start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Jdk.build().java(), "-jar", Artifacts.clientJar().toString(), "dap"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("hotline-dap", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new DapClient(process, err);
    }

    HotlineServer server() {
        return server;
    }

    /** Hotline's custom request {@code hotline/reload} of {@code files}: its answer's fields. */
    CompletableFuture<Map<String, Object>> reload(Path... files) {
        return server.reload(Map.of("files", Arrays.stream(files).map(Path::toString).toList()));
    }

    /** Initializes as VS Code does (lines and columns from 1, paging of variables). */
    Capabilities initialize() throws Exception {
        InitializeRequestArguments args = new InitializeRequestArguments();
        args.setClientID("hotline-it");
        args.setAdapterID("hotline");
        args.setLinesStartAt1(true);
        args.setColumnsStartAt1(true);
        args.setSupportsVariablePaging(true);
        args.setSupportsVariableType(true);
        return get(server.initialize(args));
    }

    /** Attaches to {@code target} in {@code dir}, with {@code sourceRoots}, and waits for {@code initialized}. */
    void attach(String target, Path dir, Path... sourceRoots) throws Exception {
        get(server.attach(Map.of("target", target, "dir", dir.toString(),
                "sourceRoots", List.of(sourceRoots).stream().map(Path::toString).toList())));
        next(Object.class, "initialized"::equals);
    }

    /** A request's answer, or the adapter's error message as an {@link AssertionError}. */
    static <T> T get(CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException refused) {
                throw new Refused(refused.getResponseError().getMessage());
            }
            throw e;
        }
    }

    /** The message a request was refused with. */
    static String refusal(CompletableFuture<?> answer) throws Exception {
        try {
            get(answer);
        } catch (Refused refused) {
            return refused.getMessage();
        }
        throw new AssertionError("the request was not refused");
    }

    /** A request the adapter refused, with its message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The first event of {@code type} that {@code matches}, in the order they came: among those passed over by
     * earlier waits first, then as they arrive.
     */
    <T> T next(Class<T> type, Predicate<? super T> matches) throws Exception {
        for (Object event : passedOver) {
            if (type.isInstance(event) && matches.test(type.cast(event))) {
                passedOver.remove(event);
                return type.cast(event);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Object event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no such " + type.getSimpleName() + " event in " + TIMEOUT_SECONDS
                        + " s; passed over " + passedOver + "; adapter's stderr: " + Files.readString(stderr));
            }
            if (type.isInstance(event) && matches.test(type.cast(event))) {
                return type.cast(event);
            }
            passedOver.add(event);
        }
    }

    /** The next output event whose text contains {@code text}. */
    OutputEventArguments output(String text) throws Exception {
        return next(OutputEventArguments.class, o -> o.getOutput().contains(text));
    }

    /** Waits for the adapter process to end; its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("hotline dap did not exit after disconnect");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        Files.deleteIfExists(stderr);
    }
}
