package dev.hotline.server.swank;

import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.Completion;
import dev.hotline.server.eval.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What SLIME asks while the user types: completions (TAB), signatures (autodoc, on every pause) and
 * documentation, all from JShell's analysis in the request's session. SLIME waits for these with Emacs
 * frozen, so each has a deadline after which it is answered with "nothing" (at once if the session is busy
 * evaluating): {@value #AUTODOC_PATIENCE_MILLIS} ms for autodoc and arglists, which SLIME sends unasked on
 * every pause; {@value #REQUESTED_PATIENCE_MILLIS} ms for what the user asked for (a completion, a
 * description), which on a loaded machine can take more than a second to analyse; fuzzy completion has the
 * time limit SLIME sends with it.
 */
final class SwankLookups {
    static final long AUTODOC_PATIENCE_MILLIS = 1000;
    static final long REQUESTED_PATIENCE_MILLIS = 5000;
    /** SLIME's {@code slime-fuzzy-completion-time-limit-in-msec} default, for a request that sends none. */
    static final long FUZZY_DEFAULT_LIMIT_MILLIS = 1500;
    private static final Sexp NOT_AVAILABLE = Sexp.list(Sexp.kw("not-available"), Sexp.T);

    private SwankLookups() {
    }

    /** {@code simple-completions} and {@code completions}: {@code ((COMPLETION...) LONGEST-COMMON-PREFIX)}. */
    static void simpleCompletions(SwankCall call) throws SwankException {
        String prefix = call.string(0);
        lookUp(call, REQUESTED_PATIENCE_MILLIS, Sexp.list(Sexp.NIL, Sexp.str(prefix)), evaluation -> {
            List<String> candidates = completions(evaluation.complete(prefix, prefix.length()), prefix);
            return Sexp.list(Sexp.list(candidates.stream().map(Sexp::str).toList()),
                    Sexp.str(longestCommonPrefix(candidates, prefix)));
        });
    }

    /**
     * {@code fuzzy-completions PREFIX PACKAGE :limit N :time-limit-in-msec MS}:
     * {@code (((COMPLETION SCORE CHUNKS FLAGS)...) TIMED-OUT-P)}; past the time limit, no rows and timed out.
     */
    static void fuzzyCompletions(SwankCall call) throws SwankException {
        String prefix = call.string(0);
        long limit = call.keyword("time-limit-in-msec") instanceof Sexp.Int i && i.value() > 0
                ? i.value() : FUZZY_DEFAULT_LIMIT_MILLIS;
        lookUp(call, limit, Sexp.list(Sexp.NIL, Sexp.T), evaluation -> {
            List<Sexp> rows = new ArrayList<>();
            List<String> candidates = completions(evaluation.complete(prefix, prefix.length()), prefix);
            for (int i = 0; i < candidates.size(); i++) {
                String c = candidates.get(i);
                Sexp chunks = c.startsWith(prefix) && !prefix.isEmpty()
                        ? Sexp.list(Sexp.list(Sexp.integer(0), Sexp.str(prefix))) : Sexp.NIL;
                String score = String.format(Locale.ROOT, "%.2f", 100.0 - i * 100.0 / candidates.size());
                rows.add(Sexp.list(Sexp.str(c), Sexp.str(score), chunks, Sexp.str("--------")));
            }
            return Sexp.list(Sexp.list(rows), Sexp.NIL);
        });
    }

    /**
     * {@code autodoc}: SLIME sends the form around the cursor as a list of strings; for Java, the first string
     * is taken as a method or constructor name ({@code Math.max}) and its signatures are returned.
     */
    static void autodoc(SwankCall call) {
        Sexp form = call.arg(0);
        String operator = form instanceof Sexp.Lst l && !l.isEmpty() && l.get(0) instanceof Sexp.Str s ? s.value() : "";
        signature(call, operator, NOT_AVAILABLE, text -> Sexp.list(Sexp.str(text), Sexp.T));
    }

    /** {@code operator-arglist NAME PACKAGE}: the signatures of NAME, or nil. */
    static void operatorArglist(SwankCall call) throws SwankException {
        signature(call, call.string(0), Sexp.NIL, Sexp::str);
    }

    /** {@code describe-symbol NAME} and friends: signatures and Javadoc where JShell has them. */
    static void describe(SwankCall call) throws SwankException {
        String name = call.string(0);
        Sexp late = Sexp.str("No answer in time: the session is evaluating, or slow to analyse; try again.");
        lookUp(call, REQUESTED_PATIENCE_MILLIS, late, evaluation -> {
            List<String> docs = evaluation.documentation(name, name.length());
            return Sexp.str(docs.isEmpty() ? "No documentation for " + name + "." : String.join("\n\n", docs));
        });
    }

    private static void signature(SwankCall call, String name, Sexp nothing, Function<String, Sexp> reply) {
        if (!name.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*")) {
            call.ok(nothing);
            return;
        }
        String code = name + "(";
        lookUp(call, AUTODOC_PATIENCE_MILLIS, nothing, evaluation -> {
            List<String> docs = evaluation.documentation(code, code.length());
            return docs.isEmpty() ? nothing
                    : reply.apply(String.join("  |  ", docs.stream().map(d -> d.lines().findFirst().orElse("")).toList()));
        });
    }

    /**
     * Answers {@code call} with {@code lookup}'s result, computed on the session's worker; with {@code busy}
     * at once if the session is evaluating, or if the lookup takes longer than {@code patienceMillis}.
     */
    private static void lookUp(SwankCall call, long patienceMillis, Sexp busy,
            Function<Session.Evaluation, Sexp> lookup) {
        Session session = call.session();
        if (session.isBusy()) {
            call.ok(busy);
            return;
        }
        call.okUnlessAnsweredWithin(patienceMillis, busy);
        session.submit(evaluation -> call.ok(lookup.apply(evaluation))).exceptionally(e -> {
            call.ok(busy);
            return null;
        });
    }

    /** Whole replacements for {@code prefix}: JShell gives continuations from an anchor. */
    private static List<String> completions(Completion completion, String prefix) {
        String head = prefix.substring(0, Math.min(completion.anchor(), prefix.length()));
        return completion.candidates().stream().map(c -> head + c).distinct().limit(300).toList();
    }

    private static String longestCommonPrefix(List<String> candidates, String fallback) {
        if (candidates.isEmpty()) {
            return fallback;
        }
        String common = candidates.get(0);
        for (String c : candidates) {
            int n = 0;
            while (n < common.length() && n < c.length() && common.charAt(n) == c.charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common.length() < fallback.length() ? fallback : common;
    }
}
