package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.OutputTarget;
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
     * @param grabbedOutput what the code printed, when it was kept for the reply rather than streamed (see
     *        {@link SwankConnection#hasRepl()}); empty otherwise
     */
    abstract void succeed(SwankCall call, List<String> shown, String grabbedOutput);

    /** Evaluates {@code code} in the call's session and answers the call in this style. */
    void run(SwankCall call, String code) {
        Session session = call.session();
        SwankConnection connection = call.connection();
        StringBuilder grabbed = new StringBuilder();
        session.submit(evaluation -> {
            connection.evaluationStarted(session);
            try {
                boolean stream = this != GRAB_OUTPUT && connection.hasRepl();
                evaluation.output().attach(stream ? new ToRepl(connection) : new Grabbed(grabbed, connection));
                List<String> shown = new ArrayList<>();
                SnippetOutcome[] last = new SnippetOutcome[1];
                boolean ok = evaluation.eval(code, outcome -> {
                    evaluation.output().flush();
                    last[0] = outcome;
                    String text = shownText(outcome);
                    if (text != null) {
                        shown.add(text);
                    }
                });
                evaluation.output().flush();
                if (ok) {
                    succeed(call, shown, grabbed.toString());
                } else {
                    fail(call, last[0]);
                }
            } finally {
                connection.evaluationEnded(session);
            }
        }, call::abort).exceptionally(e -> {
            call.abort("failed inside Hotline: " + e.getCause());
            return null;
        });
    }

    /** What the REPL shows for a successful snippet: a value, {@code x ==> 5} for a variable, a declaration's note. */
    private static String shownText(SnippetOutcome outcome) {
        if (outcome instanceof SnippetOutcome.Value v) {
            return v.name() == null || v.name().startsWith("$") ? v.value() : v.name() + " ==> " + v.value();
        }
        if (outcome instanceof SnippetOutcome.Declared d) {
            return "| " + d.description();
        }
        return null;
    }

    private static void fail(SwankCall call, SnippetOutcome outcome) {
        if (outcome instanceof SnippetOutcome.Threw t) {
            String condition = t.exceptionClass() + (t.message() != null ? ": " + t.message() : "");
            call.connection().debugger().enter(call, condition, t.exceptionClass(), frames(t));
        } else if (outcome instanceof SnippetOutcome.Rejected r) {
            String report = r.report();
            if (call.connection().hasRepl()) {
                call.connection().writeString(report);
            }
            call.abort("compile error: " + report.lines().findFirst().orElse(""));
        } else if (outcome instanceof SnippetOutcome.Incomplete i) {
            call.abort("unfinished snippet: " + i.source().strip());
        } else {
            call.abort("interrupted");
        }
    }

    /** The stack lines of the trace (its first line is the exception itself), or the snippet when there are none. */
    private static List<String> frames(SnippetOutcome.Threw t) {
        List<String> frames = Arrays.stream(t.trace().split("\n")).skip(1).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        return frames.isEmpty() ? List.of("in snippet: " + t.source().strip()) : frames;
    }

    /** Output to the REPL buffer as it is printed. */
    private record ToRepl(SwankConnection connection) implements OutputTarget {
        @Override
        public void write(Stream stream, String text) {
            connection.writeString(text);
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }

        @Override
        public void awaitRoom() {
            connection.awaitWritable();
        }
    }

    /** Output kept for the reply of {@code eval-and-grab-output}. */
    private record Grabbed(StringBuilder text, SwankConnection connection) implements OutputTarget {
        @Override
        public void write(Stream stream, String chunk) {
            synchronized (text) {
                text.append(chunk);
            }
        }

        @Override
        public boolean isOpen() {
            return connection.isOpen();
        }
    }
}
