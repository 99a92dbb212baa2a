package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.repl.Repl;
import dev.hotline.client.repl.ReplConnection;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hotline repl}: the interactive REPL; with standard input not a terminal, it runs it as a script. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Interactive Java REPL inside the service: completion (TAB), documentation (Shift-TAB), "
                        + "multi-line snippets, history (Ctrl-R), Ctrl-C interrupts running code, Ctrl-D leaves.",
                "When standard input is not a terminal, it evaluates it like hotline eval."})
public final class ReplCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--session", paramLabel = "NAME", defaultValue = "main",
            description = "Session to use (default: ${DEFAULT-VALUE}).")
    String session;

    @Option(names = "--fresh", description = "Use a fresh session that ends when the REPL does.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        EvalCommand.requireChoosable(session);
        Target resolved = target.locate().target();
        if (System.console() == null) {
            return EvalCommand.run(resolved, session, EvalCommand.readStdin(), false, null);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
                ReplConnection connection = new ReplConnection(NativeConnection.open(resolved))) {
            return Repl.start(terminal, connection, session, fresh);
        }
    }
}
