package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.commands.SlashCommands;
import java.util.List;

/** Lists every op with its arguments, and the versions in play. */
final class DescribeOp implements Op {
    static final String VERSION = "0.1.0";
    private final OpRegistry registry;

    DescribeOp(OpRegistry registry) {
        this.registry = registry;
    }

    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("describe", "Lists the ops this server answers, with their arguments.", List.of(),
                ":ops, a list of (:op :doc :args :returns); :commands, the slash commands (:name :usage :doc);"
                        + " :versions (:hotline :java)");
    }

    @Override
    public void handle(Request request) {
        List<Sexp> ops = registry.all().stream().map(op -> op.descriptor().toSexp()).toList();
        Sexp versions = Plist.builder().put("hotline", VERSION).put("java", System.getProperty("java.version"))
                .build().toSexp();
        List<Sexp> commands = SlashCommands.standard().all().stream().map(c -> (Sexp) Plist.builder()
                .put("name", c.name()).put("usage", c.usage()).put("doc", c.doc()).build().toSexp()).toList();
        request.done(Plist.builder().put("ops", Sexp.list(ops)).put("commands", Sexp.list(commands))
                .put("versions", versions));
    }
}
