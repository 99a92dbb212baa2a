package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.exchange.RoleTable;
import dev.hotline.server.service.Service;
import dev.hotline.server.support.ServerLog;
import java.util.HashMap;
import java.util.Map;

/**
 * The Swank RPCs Hotline answers, by name without package ({@code swank:listener-eval} and
 * {@code swank-repl:listener-eval} alike, as a Lisp reader would match them). Everything else gets
 * {@code (:abort "not supported: NAME")} at once and the connection goes on.
 */
final class SwankRpcs {
    /** One RPC's implementation; it answers the call now or later, exactly once. */
    @FunctionalInterface
    interface Rpc {
        void handle(SwankCall call) throws SwankException;
    }

    private final Map<String, Rpc> rpcs = new HashMap<>();
    private final boolean quitShutsDown;

    SwankRpcs(Service service) {
        quitShutsDown = service.options().swankQuitShutsDown();
        add(call -> call.ok(ConnectionInfo.of(service)), "connection-info");
        add(call -> call.ok(Sexp.NIL), "swank-require", "init-presentations", "buffer-first-change");
        add(call -> {
            call.connection().replCreated();
            call.ok(Sexp.list(Sexp.str("main"), Sexp.str(service.options().name())));
        }, "create-repl");

        add(call -> SwankEvaluation.LISTENER.run(call, call.string(0)), "listener-eval");
        add(call -> SwankEvaluation.INTERACTIVE.run(call, call.string(0)), "interactive-eval", "eval-region");
        add(call -> SwankEvaluation.GRAB_OUTPUT.run(call, call.string(0)), "eval-and-grab-output");
        add(call -> SwankEvaluation.PPRINT.run(call, call.string(0)), "pprint-eval");

        add(SwankLookups::simpleCompletions, "simple-completions", "completions");
        add(SwankLookups::fuzzyCompletions, "fuzzy-completions");
        add(SwankLookups::autodoc, "autodoc");
        add(SwankLookups::operatorArglist, "operator-arglist");
        add(SwankLookups::describe, "describe-symbol", "describe-function", "documentation-symbol");

        add(call -> call.connection().debugger().abortInnermost(call), "sldb-abort");
        add(call -> call.connection().debugger().continueInnermost(call), "sldb-continue");
        add(call -> call.connection().debugger().abortTo(1, call), "throw-to-toplevel");
        add(call -> call.connection().debugger().invokeRestart((int) call.integer(0), (int) call.integer(1), call),
                "invoke-nth-restart-for-emacs");
        add(call -> call.ok(call.connection().debugger().backtrace((int) call.integer(0), optionalInt(call, 1))),
                "backtrace");
        add(call -> call.ok(call.connection().debugger().info((int) call.integer(0), optionalInt(call, 1))),
                "debugger-info-for-emacs");
        add(call -> call.ok(Sexp.list(Sexp.NIL, Sexp.NIL)), "frame-locals-and-catch-tags");

        add(call -> call.connection().traceDialog().toggle(call), "dialog-toggle-trace");
        add(call -> call.connection().traceDialog().untrace(call, SwankTraceDialog.spec(call.arg(0))), "dialog-untrace");
        add(call -> call.connection().traceDialog().untraceAll(call), "dialog-untrace-all");
        add(call -> call.ok(call.connection().traceDialog().isTraced(SwankTraceDialog.spec(call.arg(0)))),
                "dialog-traced-p");
        add(call -> call.ok(call.connection().traceDialog().specs()), "report-specs");
        add(call -> call.ok(call.connection().traceDialog().total()), "report-total");
        add(call -> call.ok(call.connection().traceDialog().partialTree(call.arg(0))), "report-partial-tree");
        add(call -> call.ok(call.connection().traceDialog().detail((int) call.integer(0))), "report-trace-detail");
        add(call -> {
            call.connection().traceDialog().clear();
            call.ok(Sexp.NIL);
        }, "clear-trace-tree");

        add(call -> quit(call, service), "quit-lisp");
    }

    /** Runs the call's RPC, or refuses it; every call gets its answer. */
    void dispatch(SwankCall call) {
        Rpc rpc = rpcs.get(call.rpc());
        if (rpc == null) {
            call.abort("not supported: " + call.rpc());
            return;
        }
        boolean unsafe = call.rpc().equals("quit-lisp") && quitShutsDown;
        if (!call.permits(call.rpc(), RoleTable.swankRequest(call.rpc(), unsafe))) {
            return;
        }
        try {
            rpc.handle(call);
        } catch (SwankException e) {
            call.abort(e.getMessage());
        } catch (RuntimeException e) {
            ServerLog.warn("swank " + call.rpc() + " failed: " + e);
            call.abort(call.rpc() + " failed inside Hotline: " + e);
        }
    }

    private void add(Rpc rpc, String... names) {
        for (String name : names) {
            rpcs.put(name, rpc);
        }
    }

    private static Integer optionalInt(SwankCall call, int index) throws SwankException {
        return call.arg(index) instanceof Sexp.Int ? (int) call.integer(index) : null;
    }

    /**
     * {@code quit-lisp} closes this connection; it stops the service only when the agent was started with
     * {@code swank-quit=shutdown}. A keystroke in an editor should not take a production service down.
     */
    private static void quit(SwankCall call, Service service) {
        call.abort(null);
        if (service.options().swankQuitShutsDown()) {
            ServerLog.info("SLIME asked the service to quit (swank-quit=shutdown): shutting down");
            service.shutdown();
        } else {
            call.connection().close();
        }
    }
}
