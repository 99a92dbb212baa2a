package dev.hotline.client;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.PrintStream;

/**
 * Shows eval replies as they arrive. For a person: program output as is, each value on its own line on
 * stdout, declarations and errors on stderr. For a script ({@code --json}): every reply as one JSON
 * object per line on stdout.
 */
interface EvalPrinter {
    void print(Plist reply);

    static EvalPrinter human(PrintStream out, PrintStream err) {
        return reply -> {
            reply.string(Wire.OUT).ifPresent(text -> {
                out.print(text);
                out.flush();
            });
            reply.string(Wire.ERR).ifPresent(text -> {
                err.print(text);
                err.flush();
            });
            reply.string(Wire.VALUE).ifPresent(out::println);
            reply.string(Wire.DECLARED).ifPresent(d -> err.println("| " + d));
            if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                printError(reply, err);
            }
        };
    }

    static EvalPrinter json(PrintStream out) {
        return reply -> {
            out.println(Json.of(reply));
            out.flush();
        };
    }

    private static void printError(Plist reply, PrintStream err) {
        String trace = reply.string(Wire.TRACE).orElse("");
        if (!trace.isEmpty()) {
            err.print(trace);
        } else if (reply.get(Wire.DIAGNOSTICS).orElse(Sexp.NIL) instanceof Sexp.Lst diagnostics && !diagnostics.isEmpty()) {
            for (Sexp d : diagnostics.items()) {
                try {
                    Plist p = Plist.from(d);
                    err.println("error: line " + p.integer(Wire.LINE).orElse(0L) + ", column "
                            + p.integer(Wire.COLUMN).orElse(0L) + ": " + p.string(Wire.MESSAGE).orElse(""));
                } catch (dev.hotline.protocol.ProtocolException e) {
                    err.println("error: " + d.print());
                }
            }
        } else {
            err.println("error: " + reply.string(Wire.MESSAGE).orElse("evaluation failed"));
        }
        err.flush();
    }
}
