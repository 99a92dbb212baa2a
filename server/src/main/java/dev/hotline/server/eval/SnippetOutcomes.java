package dev.hotline.server.eval;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Says what happened to a snippet in Hotline's terms: JShell's events become {@link SnippetOutcome}s (a value
 * cut to the session's limit, a declaration "created" or "replaced", compile errors with line and column, an
 * exception with its stack), and live snippets become {@link SnippetInfo}s.
 */
final class SnippetOutcomes {
    private final JShell jshell;
    private final SessionLimits limits;

    SnippetOutcomes(JShell jshell, SessionLimits limits) {
        this.jshell = jshell;
        this.limits = limits;
    }

    /**
     * The outcome of the snippet {@code event} reports; {@code source} is the snippet's text, found at
     * {@code start} in the request's {@code input} (diagnostics give line and column within the input), and
     * {@code replaced} says a declaration of that name existed before.
     */
    SnippetOutcome of(SnippetEvent event, String source, String input, int start, boolean replaced) {
        Snippet snippet = event.snippet();
        JShellException exception = event.exception();
        if (exception instanceof EvalException ee) {
            return new SnippetOutcome.Threw(source, ee.getExceptionClassName(), ee.getMessage(),
                    StackTraces.render(ee));
        }
        if (exception instanceof UnresolvedReferenceException ure) {
            String missing = String.join(", ", jshell.unresolvedDependencies(ure.getSnippet()).toList());
            return new SnippetOutcome.Threw(source, "unresolved reference",
                    describe(ure.getSnippet()) + " cannot be used until " + missing + " is declared", "");
        }
        if (exception != null) {
            return new SnippetOutcome.Threw(source, exception.getClass().getName(), exception.getMessage(), "");
        }
        if (event.status() == Snippet.Status.REJECTED) {
            return new SnippetOutcome.Rejected(source, diagnostics(snippet, input, start));
        }
        if (snippet instanceof VarSnippet var) {
            return new SnippetOutcome.Value(source, var.name(), limits.cut(event.value()), var.typeName());
        }
        if (snippet instanceof ExpressionSnippet expr) {
            return "void".equals(expr.typeName()) || event.value() == null
                    ? new SnippetOutcome.Ran(source)
                    : new SnippetOutcome.Value(source, expr.name(), limits.cut(event.value()), expr.typeName());
        }
        if (snippet instanceof DeclarationSnippet || snippet instanceof ImportSnippet) {
            String action = replaced ? "replaced" : "created";
            String note = event.status() == Snippet.Status.VALID ? "" : unresolvedNote(snippet);
            return new SnippetOutcome.Declared(source, action + " " + describe(snippet) + note);
        }
        return new SnippetOutcome.Ran(source);
    }

    private String unresolvedNote(Snippet snippet) {
        if (!(snippet instanceof DeclarationSnippet decl)) {
            return "";
        }
        List<String> missing = jshell.unresolvedDependencies(decl).toList();
        return missing.isEmpty() ? "" : ", however, it cannot be used until " + String.join(", ", missing)
                + " is declared";
    }

    /** What {@code /list}, {@code /vars} and the {@code snippets} op show of a snippet. */
    SnippetInfo info(Snippet s) {
        String kind = switch (s.kind()) {
            case IMPORT -> "import";
            case TYPE_DECL -> "class";
            case METHOD -> "method";
            case VAR -> "variable";
            case EXPRESSION -> "expression";
            default -> "statement";
        };
        String name = "";
        String summary = s.source().strip().lines().findFirst().orElse("");
        if (s instanceof MethodSnippet m) {
            name = m.name();
            summary = returnType(m) + " " + m.name() + "(" + m.parameterTypes() + ")";
        } else if (s instanceof TypeDeclSnippet t) {
            name = t.name();
            summary = describe(t);
        } else if (s instanceof VarSnippet v) {
            name = v.name();
            summary = v.typeName() + " " + v.name() + " = "
                    + (jshell.status(v) == Snippet.Status.VALID ? jshell.varValue(v) : "(not initialized)");
        } else if (s instanceof ImportSnippet i) {
            name = i.name();
            summary = "import " + (i.isStatic() ? "static " : "") + i.fullname();
        }
        return new SnippetInfo(s.id(), kind, name, summary, s.source());
    }

    /** The return type from a method snippet's signature {@code (int)int}. */
    private static String returnType(MethodSnippet m) {
        String signature = m.signature();
        int close = signature.lastIndexOf(')');
        return close >= 0 ? signature.substring(close + 1) : "";
    }

    private static String describe(Snippet snippet) {
        if (snippet instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (snippet instanceof TypeDeclSnippet t) {
            String kind = switch (t.subKind()) {
                case INTERFACE_SUBKIND -> "interface";
                case ENUM_SUBKIND -> "enum";
                case ANNOTATION_TYPE_SUBKIND -> "annotation interface";
                case RECORD_SUBKIND -> "record";
                default -> "class";
            };
            return kind + " " + t.name();
        }
        if (snippet instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        if (snippet instanceof ImportSnippet i) {
            return "import " + (i.isStatic() ? "static " : "") + i.fullname();
        }
        return snippet.kind().name().toLowerCase(Locale.ROOT);
    }

    private List<SnippetOutcome.Diagnostic> diagnostics(Snippet snippet, String input, int start) {
        return jshell.diagnostics(snippet).map(d -> {
            long at = d.getStartPosition() < 0 ? start : start + d.getStartPosition();
            long[] lineColumn = lineColumn(input, (int) Math.min(at, input.length()));
            return new SnippetOutcome.Diagnostic(d.getMessage(Locale.ROOT), lineColumn[0], lineColumn[1],
                    d.isError());
        }).collect(Collectors.toList());
    }


    private static long[] lineColumn(String text, int offset) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new long[] {line, offset - lineStart + 1};
    }
}
