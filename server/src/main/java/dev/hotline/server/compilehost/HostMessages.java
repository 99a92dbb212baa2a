package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.Completion;
import dev.hotline.server.eval.LiveDeclaration;
import dev.hotline.server.eval.SnippetCache;
import dev.hotline.server.eval.SnippetInfo;
import dev.hotline.server.eval.SnippetOutcome;
import dev.hotline.server.reload.SourceUnit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.spi.ExecutionControl;

/**
 * How the values that cross between the service and its compile host are written as property lists: snippet
 * outcomes, JShell's execution exceptions, class bytes (base64), completions, snippet listings and live
 * declarations. Each {@code write} has its {@code read}; a missing key reads as empty or null.
 */
final class HostMessages {
    private HostMessages() {
    }

    // Snippet outcomes: (:kind "value" :source S :name N :value V :type T), and so on for each kind.

    static Plist write(SnippetOutcome outcome) {
        Plist.Builder b = Plist.builder().put("source", outcome.source());
        return outcome.accept(new SnippetOutcome.Visitor<Plist.Builder>() {
            @Override
            public Plist.Builder value(SnippetOutcome.Value v) {
                return b.put("kind", "value").put("name", text(v.name())).put("value", text(v.value())).put("type", v.type());
            }

            @Override
            public Plist.Builder declared(SnippetOutcome.Declared d) {
                return b.put("kind", "declared").put("description", d.description());
            }

            @Override
            public Plist.Builder ran(SnippetOutcome.Ran r) {
                return b.put("kind", "ran");
            }

            @Override
            public Plist.Builder threw(SnippetOutcome.Threw t) {
                return b.put("kind", "threw").put("class", t.exceptionClass()).put("message", text(t.message()))
                        .put("has-message", Sexp.bool(t.message() != null)).put("trace", t.trace());
            }

            @Override
            public Plist.Builder rejected(SnippetOutcome.Rejected r) {
                List<Sexp> diagnostics = new ArrayList<>();
                for (SnippetOutcome.Diagnostic d : r.diagnostics()) {
                    diagnostics.add(Plist.builder().put("message", d.message()).put("line", d.line())
                            .put("column", d.column()).put("error", Sexp.bool(d.error())).build().toSexp());
                }
                return b.put("kind", "rejected").put("diagnostics", Sexp.list(diagnostics));
            }

            @Override
            public Plist.Builder incomplete(SnippetOutcome.Incomplete i) {
                return b.put("kind", "incomplete");
            }

            @Override
            public Plist.Builder interrupted(SnippetOutcome.Interrupted i) {
                return b.put("kind", "interrupted");
            }
        }).build();
    }

    static SnippetOutcome readOutcome(Plist p) throws IOException {
        String source = string(p, "source");
        String kind = string(p, "kind");
        return switch (kind) {
            case "value" -> new SnippetOutcome.Value(source, nullIfEmpty(string(p, "name")), string(p, "value"),
                    string(p, "type"));
            case "declared" -> new SnippetOutcome.Declared(source, string(p, "description"));
            case "ran" -> new SnippetOutcome.Ran(source);
            case "threw" -> new SnippetOutcome.Threw(source, string(p, "class"),
                    p.flag("has-message") ? string(p, "message") : null, string(p, "trace"));
            case "rejected" -> new SnippetOutcome.Rejected(source, diagnostics(p));
            case "incomplete" -> new SnippetOutcome.Incomplete(source);
            case "interrupted" -> new SnippetOutcome.Interrupted(source);
            default -> throw new IOException("unknown snippet outcome '" + kind + "' from the compile host");
        };
    }

    private static List<SnippetOutcome.Diagnostic> diagnostics(Plist p) throws IOException {
        List<SnippetOutcome.Diagnostic> diagnostics = new ArrayList<>();
        for (Plist d : plists(p, "diagnostics")) {
            diagnostics.add(new SnippetOutcome.Diagnostic(string(d, "message"), d.integer("line").orElse(0L),
                    d.integer("column").orElse(0L), d.flag("error")));
        }
        return diagnostics;
    }

    // JShell's execution exceptions, which the service's engine throws and the host's JShell expects.

    static Plist write(ExecutionControl.ExecutionControlException e) {
        Plist.Builder b = Plist.builder().put("message", text(e.getMessage()));
        if (e instanceof ExecutionControl.UserException user) {
            b.put("thrown", "user").put("class", user.causeExceptionClass()).put("trace", frames(user.getStackTrace()));
            if (user.getCause() instanceof ExecutionControl.UserException cause) {
                b.put("cause", write(cause).toSexp());
            }
        } else if (e instanceof ExecutionControl.ResolutionException resolution) {
            b.put("thrown", "resolution").put("id", resolution.id()).put("trace", frames(resolution.getStackTrace()));
        } else if (e instanceof ExecutionControl.StoppedException) {
            b.put("thrown", "stopped");
        } else if (e instanceof ExecutionControl.ClassInstallException install) {
            List<Sexp> installed = new ArrayList<>();
            for (boolean i : install.installed()) {
                installed.add(Sexp.bool(i));
            }
            b.put("thrown", "install").put("installed", Sexp.list(installed));
        } else if (e instanceof ExecutionControl.NotImplementedException) {
            b.put("thrown", "not-implemented");
        } else if (e instanceof ExecutionControl.EngineTerminationException) {
            b.put("thrown", "terminated");
        } else {
            b.put("thrown", "internal");
        }
        return b.build();
    }

    static ExecutionControl.ExecutionControlException readThrown(Plist p) throws IOException {
        String message = nullIfEmpty(string(p, "message"));
        return switch (string(p, "thrown")) {
            case "user" -> {
                ExecutionControl.UserException user =
                        new ExecutionControl.UserException(message, string(p, "class"), frames(p));
                Optional<Sexp> cause = p.get("cause");
                if (cause.isPresent()) {
                    user.initCause(readThrown(Plist.from(cause.get())));
                }
                yield user;
            }
            case "resolution" -> new ExecutionControl.ResolutionException(p.integer("id").orElse(0L).intValue(), frames(p));
            case "stopped" -> new ExecutionControl.StoppedException();
            case "install" -> {
                List<Sexp> items = p.get("installed").orElse(Sexp.NIL) instanceof Sexp.Lst l ? l.items() : List.of();
                boolean[] installed = new boolean[items.size()];
                for (int i = 0; i < installed.length; i++) {
                    installed[i] = !Sexp.NIL.equals(items.get(i));
                }
                yield new ExecutionControl.ClassInstallException(message, installed);
            }
            case "not-implemented" -> new ExecutionControl.NotImplementedException(message);
            case "terminated" -> new ExecutionControl.EngineTerminationException(message);
            default -> new ExecutionControl.InternalException(message);
        };
    }

    private static Sexp frames(StackTraceElement[] frames) {
        List<Sexp> items = new ArrayList<>();
        for (StackTraceElement f : frames) {
            items.add(Sexp.list(Sexp.str(f.getClassName()), Sexp.str(f.getMethodName()),
                    Sexp.str(text(f.getFileName())), Sexp.integer(f.getLineNumber())));
        }
        return Sexp.list(items);
    }

    private static StackTraceElement[] frames(Plist p) {
        List<StackTraceElement> frames = new ArrayList<>();
        if (p.get("trace").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                if (item instanceof Sexp.Lst f && f.size() == 4 && f.get(3) instanceof Sexp.Int line) {
                    frames.add(new StackTraceElement(stringOf(f.get(0)), stringOf(f.get(1)),
                            nullIfEmpty(stringOf(f.get(2))), (int) line.value()));
                }
            }
        }
        return frames.toArray(new StackTraceElement[0]);
    }

    // Class bytes, completions, listings and declarations.

    static Sexp classes(ExecutionControl.ClassBytecodes[] classes) {
        List<Sexp> items = new ArrayList<>();
        for (ExecutionControl.ClassBytecodes c : classes) {
            items.add(Sexp.list(Sexp.str(c.name()), Sexp.str(Base64.getEncoder().encodeToString(c.bytecodes()))));
        }
        return Sexp.list(items);
    }

    static ExecutionControl.ClassBytecodes[] classes(Plist p, String key) {
        List<ExecutionControl.ClassBytecodes> classes = new ArrayList<>();
        if (p.get(key).orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                if (item instanceof Sexp.Lst pair && pair.size() == 2) {
                    classes.add(new ExecutionControl.ClassBytecodes(stringOf(pair.get(0)),
                            Base64.getDecoder().decode(stringOf(pair.get(1)))));
                }
            }
        }
        return classes.toArray(new ExecutionControl.ClassBytecodes[0]);
    }

    /** Compiled classes: {@code ((NAME BASE64) ...)}, read back by {@link #classes(Plist, String)}. */
    static Sexp classes(Map<String, byte[]> classes) {
        List<Sexp> items = new ArrayList<>();
        classes.forEach((name, bytes) -> items.add(Sexp.list(Sexp.str(name),
                Sexp.str(Base64.getEncoder().encodeToString(bytes)))));
        return Sexp.list(items);
    }

    /** Source units: {@code ((URI TEXT) ...)}. */
    static Sexp units(List<SourceUnit> units) {
        return Sexp.list(units.stream().map(u -> (Sexp) Sexp.list(Sexp.str(u.uri().toString()), Sexp.str(u.text())))
                .toList());
    }

    /** A host cache's version and entry for the input: {@code :cache-version V :cached (WRAPPER HAS-VALUE NAME TYPE)}. */
    static void write(SnippetCache.State state, Plist.Builder answer) {
        answer.put("cache-version", state.version());
        SnippetCache.Entry e = state.entry();
        if (e != null) {
            answer.put("cached", Sexp.list(Sexp.str(e.wrapperClass()), Sexp.bool(e.hasValue()),
                    Sexp.str(text(e.valueName())), Sexp.str(text(e.type()))));
        }
    }

    /** What {@link #write(SnippetCache.State, Plist.Builder)} wrote; null when the answer has no cache version. */
    static SnippetCache.State cacheState(Plist answer) {
        Optional<Long> version = answer.integer("cache-version");
        if (version.isEmpty()) {
            return null;
        }
        SnippetCache.Entry entry = null;
        if (answer.get("cached").orElse(Sexp.NIL) instanceof Sexp.Lst e && e.size() == 4) {
            entry = new SnippetCache.Entry(stringOf(e.get(0)), !Sexp.NIL.equals(e.get(1)),
                    nullIfEmpty(stringOf(e.get(2))), nullIfEmpty(stringOf(e.get(3))));
        }
        return new SnippetCache.State(version.get(), entry);
    }

    static Plist write(Completion completion) {
        return Plist.builder().put("anchor", completion.anchor())
                .put("candidates", strings(completion.candidates())).build();
    }

    static Completion readCompletion(Plist p) {
        return new Completion(p.integer("anchor").orElse(0L).intValue(), p.strings("candidates"));
    }

    static Sexp snippets(List<SnippetInfo> snippets) {
        List<Sexp> items = new ArrayList<>();
        for (SnippetInfo s : snippets) {
            items.add(Sexp.list(Sexp.str(s.id()), Sexp.str(s.kind()), Sexp.str(s.name()), Sexp.str(s.summary()),
                    Sexp.str(s.source())));
        }
        return Sexp.list(items);
    }

    static List<SnippetInfo> snippets(Plist p, String key) {
        List<SnippetInfo> snippets = new ArrayList<>();
        for (List<String> s : rows(p, key, 5)) {
            snippets.add(new SnippetInfo(s.get(0), s.get(1), s.get(2), s.get(3), s.get(4)));
        }
        return snippets;
    }

    /** Live declarations: {@code (SOURCE VARIABLE TYPE)}, the last two empty for anything but a valid variable. */
    static Sexp entries(List<LiveDeclaration.Entry> entries) {
        List<Sexp> items = new ArrayList<>();
        for (LiveDeclaration.Entry e : entries) {
            items.add(Sexp.list(Sexp.str(e.source()), Sexp.str(text(e.variable())), Sexp.str(text(e.type()))));
        }
        return Sexp.list(items);
    }

    static List<LiveDeclaration.Entry> entries(Plist p, String key) {
        List<LiveDeclaration.Entry> entries = new ArrayList<>();
        for (List<String> e : rows(p, key, 3)) {
            entries.add(new LiveDeclaration.Entry(e.get(0), nullIfEmpty(e.get(1)), nullIfEmpty(e.get(2))));
        }
        return entries;
    }

    /** Declarations to restore: {@code (SOURCE CARRIED-VARIABLE TYPE)}; the host asks the service for the values. */
    static Sexp declarations(List<LiveDeclaration> declarations) {
        List<Sexp> items = new ArrayList<>();
        for (LiveDeclaration d : declarations) {
            LiveDeclaration.CarriedVariable v = d.variable();
            items.add(Sexp.list(Sexp.str(d.source()), Sexp.str(v == null ? "" : v.name()),
                    Sexp.str(v == null ? "" : v.type())));
        }
        return Sexp.list(items);
    }

    static List<LiveDeclaration> declarations(Plist p, String key) {
        List<LiveDeclaration> declarations = new ArrayList<>();
        for (List<String> d : rows(p, key, 3)) {
            declarations.add(new LiveDeclaration(d.get(0),
                    d.get(1).isEmpty() ? null : new LiveDeclaration.CarriedVariable(d.get(1), d.get(2), null)));
        }
        return declarations;
    }

    static Sexp strings(List<String> strings) {
        return Sexp.list(strings.stream().map(Sexp::str).toList());
    }

    static String string(Plist p, String key) {
        return p.string(key).orElse("");
    }

    static Plist plist(Sexp sexp) throws IOException {
        return Plist.from(sexp);
    }

    private static List<Plist> plists(Plist p, String key) throws IOException {
        List<Plist> plists = new ArrayList<>();
        if (p.get(key).orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                plists.add(Plist.from(item));
            }
        }
        return plists;
    }

    /** The rows of strings of a list value, each {@code width} long; rows of another shape are skipped. */
    static List<List<String>> rows(Plist p, String key, int width) {
        List<List<String>> rows = new ArrayList<>();
        if (p.get(key).orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                if (item instanceof Sexp.Lst row && row.size() == width) {
                    rows.add(row.items().stream().map(HostMessages::stringOf).toList());
                }
            }
        }
        return rows;
    }

    private static String stringOf(Sexp sexp) {
        return sexp instanceof Sexp.Str s ? s.value() : "";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String nullIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
