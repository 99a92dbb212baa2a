package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.util.List;

/**
 * What an op is called, takes and returns. The same record feeds the {@code describe} op and the docs, so
 * they cannot drift from the code.
 */
public record OpDescriptor(String name, String doc, List<Arg> args, String returns) {

    /** One request key an op reads. */
    public record Arg(String name, boolean required, String doc) {
        public static Arg required(String name, String doc) {
            return new Arg(name, true, doc);
        }

        public static Arg optional(String name, String doc) {
            return new Arg(name, false, doc);
        }
    }

    Sexp toSexp() {
        List<Sexp> argList = args.stream().map(a -> (Sexp) Plist.builder()
                .put("name", a.name()).put("required", Sexp.bool(a.required())).put("doc", a.doc())
                .build().toSexp()).toList();
        return Plist.builder().put("op", name).put("doc", doc).put("args", Sexp.list(argList))
                .put("returns", returns).build().toSexp();
    }
}
