package dev.hotline.client.core;

import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows eval replies as they arrive. {@link #forScripts} (what {@code hotline eval} uses): program output as
 * is, each value alone on its line on stdout, declarations and errors on stderr. {@link #forRepl}: values as
 * jshell shows them ({@code $1 ==> 2}), long ones cut with a note, everything on the terminal.
 * {@link #json}: every reply as one JSON object per line.
 */
public interface EvalPrinter {
    /** Values longer than this are cut in the REPL, with a note of how much was left out. */
    int REPL_VALUE_LIMIT = 2000;

    void print(Plist reply);

    static EvalPrinter forScripts(PrintWriter out, PrintWriter err) {
        return reply -> render(reply, out, err, false);
    }

    static EvalPrinter forRepl(PrintWriter terminal) {
        return reply -> render(reply, terminal, terminal, true);
    }

    static EvalPrinter json(PrintWriter out) {
        return reply -> {
            out.println(Json.of(reply));
            out.flush();
        };
    }

    private static void render(Plist reply, PrintWriter out, PrintWriter err, boolean repl) {
        reply.string(Wire.OUT).ifPresent(out::print);
        reply.string(Wire.ERR).ifPresent(err::print);
        reply.string(Wire.VALUE).ifPresent(value -> out.println(repl
                ? reply.string("name").map(name -> name + " ==> ").orElse("") + truncate(value) : value));
        reply.string(Wire.DECLARED).ifPresent(d -> err.println("|  " + d));
        if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
            printError(reply, err);
        }
        out.flush();
        err.flush();
    }

    static String truncate(String value) {
        if (value.length() <= REPL_VALUE_LIMIT) {
            return value;
        }
        return value.substring(0, REPL_VALUE_LIMIT) + " ... (" + (value.length() - REPL_VALUE_LIMIT)
                + " more characters)";
    }

    private static void printError(Plist reply, PrintWriter err) {
        String trace = reply.string(Wire.TRACE).orElse("");
        List<String> diagnostics = diagnostics(reply);
        if (!trace.isEmpty()) {
            err.print(trace);
        } else if (!diagnostics.isEmpty()) {
            diagnostics.forEach(d -> err.println("error: " + d));
        } else {
            err.println("error: " + reply.string(Wire.MESSAGE).orElse("evaluation failed"));
        }
    }

    /** A compile error's diagnostics, one line each: {@code line 1, column 9: illegal start of expression}. */
    static List<String> diagnostics(Plist reply) {
        List<String> lines = new ArrayList<>();
        if (reply.get(Wire.DIAGNOSTICS).orElse(Sexp.NIL) instanceof Sexp.Lst diagnostics) {
            for (Sexp d : diagnostics.items()) {
                try {
                    Plist p = Plist.from(d);
                    lines.add("line " + p.integer(Wire.LINE).orElse(0L) + ", column " + p.integer(Wire.COLUMN).orElse(0L)
                            + ": " + p.string(Wire.MESSAGE).orElse(""));
                } catch (ProtocolException e) {
                    lines.add(d.print());
                }
            }
        }
        return lines;
    }
}
