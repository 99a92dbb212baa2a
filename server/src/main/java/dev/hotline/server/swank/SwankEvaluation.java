package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.Session;
import dev.hotline.server.eval.SnippetOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Java evaluated for SLIME: the REPL's input ({@code listener-eval}) and code sent from buffers
 * ({@code interactive-eval}, {@code eval-and-grab-output}, {@code pprint-eval}). They differ only in how the
 * results are given back; output always streams as {@code :write-string} while the code runs (except that
 * {@code eval-and-grab-output} returns it), an exception opens the debugger, and a compile error is printed
 * and aborts the request.
 */
enum SwankEvaluation {
    /** Each value goes to the REPL as a result; the request returns nil. */
    LISTENER {
        @Override
        void succeed(SwankCall call, List<String> shown, String grabbedOutput) {
            shown.forEach(text -> call.connection().writeResult(text + "\n"));
            call.ok(Sexp.NIL);
        }
    },
    /** One line for the echo area: {@code => 42}, or {@code ; No value}; after the output when SLIME has no REPL. */
    INTERACTIVE {
        @Override
        void succeed(SwankCall call, List<String> shown, String grabbedOutput) {
            call.ok(Sexp.str(grabbedOutput + (shown.isEmpty() ? "; No value" : "=> " + String.join(", ", shown))));
        }
    },
    /** {@code (OUTPUT VALUES)}: what the code printed and its values, for inserting into a buffer. */
    GRAB_OUTPUT {
        @Override
        void succeed(SwankCall call, List<String> shown, String grabbedOutput) {
            call.ok(Sexp.list(Sexp.str(grabbedOutput), Sexp.str(String.join("\n", shown))));
        }
    },
    /** The values, one per line, for a help buffer; after the output when SLIME has no REPL. */
    PPRINT {
        @Override
        void succeed(SwankCall call, List<String> shown, String grabbedOutput) {
            call.ok(Sexp.str(grabbedOutput + String.join("\n", shown)));
        }
    };

    /**
     * @param grabbedOutput what the code printed, when it was kept for the reply rather than streamed (always
     *        for {@code eval-and-grab-output}; for the others when SLIME has no REPL, see
     *        {@link SwankConnection#hasRepl()}); empty otherwise
     */
    abstract void succeed(SwankCall call, List<String> shown, String grabbedOutput);

    /** Evaluates {@code code} in the call's session and answers the call in this style. */
    void run(SwankCall call, String code) {
        Session session = call.session();
        SwankConnection connection = call.connection();
        connection.evaluationRequested(call, session);
        session.run(call, evaluation -> {
            try {
                if (!call.start()) {
                    call.abort("interrupted");
                    return;
                }
                if (this == GRAB_OUTPUT || !connection.hasRepl()) {
                    call.keepOutput();
                }
                Results results = new Results(call);
                if (evaluation.eval(code, call, outcome -> outcome.accept(results))) {
                    succeed(call, results.shown, call.keptOutput());
                }
            } finally {
                connection.evaluationEnded(call);
            }
        });
    }

    /**
     * Collects what the REPL shows for each successful snippet (a value, {@code x ==> 5} for a variable, a
     * declaration's note); a failure, which ends the input, answers the call: an exception opens the debugger,
     * a compile error is printed and aborts.
     */
    private static final class Results implements SnippetOutcome.Visitor<Void> {
        private final SwankCall call;
        private final List<String> shown = new ArrayList<>();

        Results(SwankCall call) {
            this.call = call;
        }

        @Override
        public Void value(SnippetOutcome.Value v) {
            shown.add(v.name() == null || v.name().startsWith("$") ? v.value() : v.name() + " ==> " + v.value());
            return null;
        }

        @Override
        public Void declared(SnippetOutcome.Declared d) {
            shown.add("| " + d.description());
            return null;
        }

        @Override
        public Void ran(SnippetOutcome.Ran r) {
            return null;
        }

        @Override
        public Void threw(SnippetOutcome.Threw t) {
            call.connection().debugger().enter(call, t.condition(), t.exceptionClass(), frames(t));
            return null;
        }

        @Override
        public Void rejected(SnippetOutcome.Rejected r) {
            String report = r.report();
            if (call.connection().hasRepl()) {
                call.connection().writeString(report);
            }
            call.abort("compile error: " + report.lines().findFirst().orElse(""));
            return null;
        }

        @Override
        public Void incomplete(SnippetOutcome.Incomplete i) {
            call.abort("unfinished snippet: " + i.source().strip());
            return null;
        }

        @Override
        public Void interrupted(SnippetOutcome.Interrupted i) {
            call.abort("interrupted");
            return null;
        }

        /** The stack lines of the trace (its first line is the exception itself), or the snippet when there are none. */
        private static List<String> frames(SnippetOutcome.Threw t) {
            List<String> frames = Arrays.stream(t.trace().split("\n")).skip(1).map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            return frames.isEmpty() ? List.of("in snippet: " + t.source().strip()) : frames;
        }
    }
}
