package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.AppClassFileManager;
import dev.hotline.server.eval.JShellEvaluator;
import dev.hotline.server.eval.LiveDeclaration;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.reload.Javac;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.reload.SourceUnit;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the service's sessions, as the compile host serves it: a JShell whose snippets run in the service.
 * Requests come one at a time; each is answered by {@code (:result t ...)}, after any outcomes
 * ({@code (:outcome (...))}) and calls to the service it needed. An answer carries the session's live
 * declarations ({@code :live}) whenever they changed, so the service can rebuild the session in a new host, and
 * its snippet cache's version with the entry for the request's code ({@code :cache-version}, {@code :cached}), so
 * the service can run that code again by itself and forgets what the host forgot.
 *
 * <p>Requests: {@code hello} (with {@code :class-path} and {@code :max-value}, first), {@code eval},
 * {@code is-complete}, {@code preceding}, {@code complete}, {@code documentation}, {@code contents},
 * {@code drop}, {@code restore}, {@code warm-up}; and, on a connection of its own that needs no hello,
 * {@code compile} (sources to class bytes, for reload and trace conditions).
 */
final class HostSession implements Runnable {
    private final HostWire wire;
    private final HostCalls calls;
    private final RemoteClassFiles others;
    private JShellEvaluator evaluator;
    private List<LiveDeclaration.Entry> liveSent = List.of();

    HostSession(HostWire wire) {
        this.wire = wire;
        this.calls = new HostCalls(wire);
        this.others = new RemoteClassFiles(calls);
    }

    @Override
    public void run() {
        try (wire) {
            while (true) {
                wire.send(answer(wire.receive()));
            }
        } catch (EOFException e) {
            // the service closed the session
        } catch (IOException | UncheckedIOException e) {
            System.err.println("hotline compile host: a session's connection broke: " + e.getMessage());
        } finally {
            if (evaluator != null) {
                evaluator.close();
            }
        }
    }

    private Plist answer(Plist request) throws IOException {
        String op = HostMessages.string(request, "op");
        others.otherLoaders(request.flag("other-loaders"));
        Plist.Builder answer = Plist.builder().put("result", Sexp.T);
        if (op.equals("hello")) {
            hello(request);
            return answer.put("pid", ProcessHandle.current().pid()).build();
        }
        if (op.equals("compile")) {
            return compile(request, answer);
        }
        if (evaluator == null) {
            return answer.put("failed", "the session has not said hello").build();
        }
        int evaluatedBefore = evaluator.snippetsEvaluated();
        try {
            serve(op, request, answer);
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof UncheckedIOException broken) {
                throw broken;
            }
            answer.put("failed", "the compile host failed: " + e);
        } finally {
            evaluator.clearStop();
        }
        answer.put("evaluated", evaluator.snippetsEvaluated());
        HostMessages.write(evaluator.cacheState(HostMessages.string(request, "code")), answer);
        boolean declarationsMayChange = op.equals("drop") || op.equals("restore")
                || evaluator.snippetsEvaluated() != evaluatedBefore;
        if (declarationsMayChange) {
            List<LiveDeclaration.Entry> live = evaluator.liveEntries();
            if (!live.equals(liveSent)) {
                liveSent = live;
                answer.put("live", HostMessages.entries(live));
            }
        }
        return answer.build();
    }

    /** Compiles {@code :units} ({@code (URI TEXT)} each) for {@code :release}: {@code :classes} or {@code :errors}. */
    private Plist compile(Plist request, Plist.Builder answer) throws IOException {
        List<SourceUnit> units = new ArrayList<>();
        for (List<String> unit : HostMessages.rows(request, "units", 2)) {
            units.add(new SourceUnit(URI.create(unit.get(0)), unit.get(1)));
        }
        Javac javac = new Javac(AppClassFileManager.wrapping(others), HostMessages.string(request, "class-path"));
        SourceCompiler.Result result = javac.compile(units, request.integer("release").orElse(0L).intValue());
        return answer.put("classes", HostMessages.classes(result.classes())).put("errors",
                HostMessages.strings(result.errors())).build();
    }

    private void hello(Plist request) {
        SessionLimits limits = new SessionLimits(0, 0, request.integer("max-value").orElse(1L << 20).intValue(),
                false, 0, false);
        RemoteExecution execution = new RemoteExecution(calls, () -> evaluator.stop());
        evaluator = new JShellEvaluator(execution, others, HostMessages.string(request, "class-path"), limits);
    }

    private void serve(String op, Plist request, Plist.Builder answer) throws IOException {
        String code = HostMessages.string(request, "code");
        int cursor = request.integer("cursor").orElse(0L).intValue();
        switch (op) {
            case "eval" -> answer.put("ok", Sexp.bool(evaluator.eval(code, this::stream,
                    request.flag("stop-at-failure"))));
            case "is-complete" -> answer.put("complete", Sexp.bool(evaluator.isComplete(code)));
            case "preceding" -> evaluator.precedingSnippetStart(code).ifPresent(start -> answer.put("start", start));
            case "complete" -> answer.put("completion", HostMessages.write(evaluator.complete(code, cursor)).toSexp());
            case "documentation" -> answer.put("documentation", HostMessages.strings(evaluator.documentation(code, cursor)));
            case "contents" -> answer.put("snippets", HostMessages.snippets(evaluator.contents()));
            case "drop" -> answer.put("snippets", HostMessages.snippets(evaluator.drop(HostMessages.string(request, "name"))));
            case "restore" -> evaluator.restore(HostMessages.declarations(request, "declarations"), this::stream);
            case "warm-up" -> evaluator.warmUp();
            default -> answer.put("failed", "unknown request '" + op + "'");
        }
    }

    /** Sends an outcome as soon as it happens, so output and values reach the client in order. */
    private void stream(SnippetOutcome outcome) {
        try {
            wire.send(Plist.builder().put("outcome", HostMessages.write(outcome).toSexp()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
