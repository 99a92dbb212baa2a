package dev.hotline.client.dap;

import dev.hotline.client.connection.ServiceLink;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.CapabilitiesEventArguments;
import org.eclipse.lsp4j.debug.CompletionsArguments;
import org.eclipse.lsp4j.debug.CompletionsResponse;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * Hotline as a debug adapter: each DAP request becomes native requests to the service over one connection. It
 * attaches to a running service (or launches one from its config and attaches); nothing it does stops the
 * service (see {@link Threads#NEVER_STOPS}), and {@code disconnect} removes its probes and leaves the service
 * running.
 */
public final class HotlineDebugServer implements IDebugProtocolServer {
    /** How the command line resolves a target, as every command does. */
    @FunctionalInterface
    public interface Targets {
        /**
         * @param service a name, a config file or a remote target, or null when {@code portFile} says where
         * @param dir the run directory, or null
         * @param portFile a port file, or null
         * @param tokenFile a token file instead of the one beside the port file, or null
         */
        Target resolve(String service, Path dir, Path portFile, Path tokenFile) throws CliException;
    }

    private final Targets targets;
    private final AttachSettings.Defaults defaults;
    private final Runnable onDisconnect;
    private volatile IDebugProtocolClient client;
    private volatile int columnBase = 1;
    private volatile Attached attached;
    private volatile ServiceStart launched;

    /** One attached session's parts. */
    private record Attached(Adapter adapter, Evaluations evaluations, Breakpoints breakpoints, Threads threads) {
    }

    /**
     * @param defaultTarget the service {@code hotline dap TARGET} named, for configurations that name none
     * @param onDisconnect run once the IDE has disconnected and been answered
     */
    public HotlineDebugServer(Targets targets, String defaultTarget, Path defaultDir, Runnable onDisconnect) {
        this.targets = targets;
        this.defaults = new AttachSettings.Defaults(defaultTarget, defaultDir);
        this.onDisconnect = onDisconnect;
    }

    /** The IDE, once the launcher has connected it. */
    public void connect(IDebugProtocolClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        columnBase = Boolean.FALSE.equals(args.getColumnsStartAt1()) ? 0 : 1;
        Capabilities capabilities = new Capabilities();
        capabilities.setSupportsConfigurationDoneRequest(true);
        capabilities.setSupportsLogPoints(true);
        capabilities.setSupportsConditionalBreakpoints(true);
        capabilities.setSupportsHitConditionalBreakpoints(true);
        capabilities.setSupportsEvaluateForHovers(true);
        capabilities.setSupportsCompletionsRequest(true);
        capabilities.setCompletionTriggerCharacters(new String[] {"."});
        capabilities.setSupportsExceptionFilterOptions(true);
        capabilities.setExceptionBreakpointFilters(new ExceptionBreakpointsFilter[] {Breakpoints.exceptionFilter()});
        capabilities.setSupportsExceptionInfoRequest(true);
        capabilities.setSupportTerminateDebuggee(true);
        capabilities.setSupportsTerminateRequest(false);
        return CompletableFuture.completedFuture(capabilities);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return CompletableFuture.runAsync(() -> attachTo(AttachSettings.of(args, defaults, "target")))
                .exceptionallyCompose(failure -> Adapter.refuse(messageOf(failure)));
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return CompletableFuture.runAsync(() -> {
            AttachSettings settings = AttachSettings.of(args, defaults, "config");
            if (settings.target() == null) {
                throw new IllegalArgumentException("a launch needs \"config\": the service's config file");
            }
            ServiceStart start = ServiceStart.run(settings.target(), text -> output("console", text));
            launched = start;
            attachTo(settings);
            CapabilitiesEventArguments terminable = new CapabilitiesEventArguments();
            Capabilities capabilities = new Capabilities();
            capabilities.setSupportsTerminateRequest(true);
            terminable.setCapabilities(capabilities);
            client.capabilities(terminable);
        }).exceptionallyCompose(failure -> Adapter.refuse(messageOf(failure)));
    }

    private void attachTo(AttachSettings settings) {
        if (settings.target() == null && settings.portFile() == null) {
            throw new IllegalArgumentException("say which service: \"target\" in the configuration (a name, a config"
                    + " file, ssh://HOST/NAME or kubectl://POD/NAME) or \"portFile\", or hotline dap TARGET");
        }
        try {
            Target target = targets.resolve(settings.target(), settings.dir(), settings.portFile(),
                    settings.tokenFile());
            NativeConnection connection = NativeConnection.open(target);
            ServiceLink link = new ServiceLink(connection, this::serviceEnded);
            Plist status = link.call("status", Plist.builder()).get(30, TimeUnit.SECONDS).last();
            if (status.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                link.close();
                throw new IllegalStateException(status.string(Wire.MESSAGE).orElse("the service refused"));
            }
            Adapter adapter = new Adapter(link, client, new SourceMap(settings.sourceRoots()), settings.session(),
                    columnBase);
            attached = new Attached(adapter, new Evaluations(adapter), new Breakpoints(adapter), new Threads(adapter));
            String role = status.string("role").orElse("operate");
            output("console", "Hotline: attached to " + settings.service() + " (" + target.address() + ") as " + role
                    + ". Breakpoints take snapshots or log; the service never stops. " + (role.equals("observe")
                    ? "This credential may look, not change: the Debug Console cannot evaluate, and --unsafe"
                            + " conditions are refused.\n"
                    : "The Debug Console evaluates Java in session " + settings.session() + ".\n"));
            client.initialized();
        } catch (CliException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot attach to " + settings.service() + ": " + messageOf(e), e);
        }
    }

    private void serviceEnded(String why) {
        output("important", "Hotline: the connection to the service ended (" + why + ")\n");
        client.terminated(new TerminatedEventArguments());
    }

    private void output(String category, String text) {
        Adapter.output(client, category, text, null, 0);
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return attached().thenCompose(a -> a.breakpoints().set(args));
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        return attached().thenCompose(a -> a.breakpoints().setExceptions(args));
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return attached().thenCompose(a -> a.evaluations().evaluate(args));
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return attached().thenCompose(a -> a.evaluations().variables(args));
    }

    @Override
    public CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        return attached().thenCompose(a -> a.evaluations().completions(args));
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return attached().thenCompose(a -> a.threads().threads());
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return attached().thenCompose(a -> a.threads().stackTrace(args));
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return attached().thenCompose(a -> a.threads().scopes(args.getFrameId()));
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return attached().thenCompose(a -> a.threads().resume(args.getThreadId()));
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return attached().thenCompose(a -> a.threads().exceptionInfo(args.getThreadId()));
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return Adapter.refuse(Threads.NEVER_STOPS);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return Adapter.refuse(Threads.NEVER_STOPS);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return Adapter.refuse(Threads.NEVER_STOPS);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return Adapter.refuse(Threads.NEVER_STOPS);
    }

    /**
     * {@code hotline/reload}: reloads {@code files} (class files, directories, jars or {@code .java} sources, as
     * {@code hotline reload} takes them) in the service; answers the reload's report.
     */
    @JsonRequest("hotline/reload")
    public CompletableFuture<Map<String, Object>> reload(Map<String, Object> args) {
        if (!(args.get("files") instanceof List<?> files) || files.isEmpty()) {
            return Adapter.refuse("hotline/reload needs \"files\": the paths of the class files or sources to reload");
        }
        Sexp paths = Sexp.list(files.stream().map(f -> (Sexp) Sexp.str(Path.of(String.valueOf(f)).toAbsolutePath()
                .normalize().toString())).toList());
        return attached().thenCompose(a -> a.adapter().link().call("reload", Plist.builder().put("paths", paths)))
                .thenCompose(answer -> {
                    String report = answer.last().string("report").orElse("");
                    if (answer.failed()) {
                        return Adapter.refuse(report.isBlank() ? answer.message().orElse("the reload failed") : report);
                    }
                    Map<String, Object> body = new HashMap<>();
                    body.put("report", report);
                    return CompletableFuture.completedFuture(body);
                });
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        Attached was = attached;
        attached = null;
        CompletableFuture<?> unprobed = was == null ? CompletableFuture.completedFuture(null)
                : was.adapter().link().call("unprobe", Plist.builder()).completeOnTimeout(null, 5, TimeUnit.SECONDS);
        return unprobed.handle((answer, failure) -> {
            if (was != null) {
                was.adapter().link().close();
            }
            ServiceStart start = launched;
            if (start != null && Boolean.TRUE.equals(args.getTerminateDebuggee())) {
                start.stop(text -> output("console", text));
            }
            return (Void) null;
        }).whenComplete((done, failure) -> onDisconnect.run());
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        ServiceStart start = launched;
        if (start == null) {
            return Adapter.refuse("this session attached to a service it did not start, so it does not stop it;"
                    + " disconnect leaves it running");
        }
        return CompletableFuture.runAsync(() -> {
            start.stop(text -> output("console", text));
            client.terminated(new TerminatedEventArguments());
        });
    }

    private CompletableFuture<Attached> attached() {
        Attached now = attached;
        return now != null ? CompletableFuture.completedFuture(now)
                : Adapter.refuse("not attached to a service yet: attach (or launch) first");
    }

    private static String messageOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
