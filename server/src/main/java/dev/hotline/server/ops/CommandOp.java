package dev.hotline.server.ops;

import dev.hotline.protocol.CommandLines;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.commands.LaterOutput;
import dev.hotline.server.commands.SessionCommandContext;
import dev.hotline.server.commands.SlashCommands;
import dev.hotline.server.eval.Session;
import dev.hotline.server.exchange.Exchange;
import java.util.List;

/**
 * Runs a slash command ({@code /vars}, {@code /drop twice}...) as line mode would, streaming its text as
 * {@code :out}. This is how the REPL offers the same commands as line mode.
 */
final class CommandOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("command", "Runs a slash command, as typed in line mode or the REPL (/help lists them).",
                List.of(OpDescriptor.Arg.required("line", "the command line, starting with /"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "session name (default main)")),
                ":out text, then :status (:done); :quit t when the command asks the client to disconnect");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        String line = request.required("line");
        if (!CommandLines.isCommand(line)) {
            throw new BadRequestException("a command is a slash and a name, as in /vars; got: " + line);
        }
        if (SlashCommands.standard().find(SlashCommands.nameOf(line)).isEmpty()) {
            throw new BadRequestException(SlashCommands.unknown(SlashCommands.nameOf(line)));
        }
        Session session = request.session();
        request.onSession(evaluation -> {
            boolean[] quit = new boolean[1];
            Runnable[] after = {() -> { }};
            SlashCommands.standard().run(line, new SessionCommandContext(request.service(), session, evaluation) {
                @Override
                public void write(String text) {
                    request.send(Plist.builder().put(Wire.OUT, text));
                }

                @Override
                public void close() {
                    quit[0] = true;
                }

                @Override
                public void afterOutput(Runnable action) {
                    after[0] = action;
                }

                @Override
                public Object client() {
                    return request.connection();
                }

                @Override
                public Exchange exchange() {
                    return request;
                }

                /** As events, which the REPL prints above its prompt. */
                @Override
                public LaterOutput later() {
                    return LaterOutput.on(request.connection().channel(), text -> Plist.builder().put("event", "trace")
                            .put("report", text).build().toSexp());
                }
            });
            request.done(quit[0] ? Plist.builder().put("quit", Sexp.T) : Plist.builder(), after[0]);
        });
    }
}
