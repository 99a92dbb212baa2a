package dev.hotline.client;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hotline repl}: the interactive REPL; with standard input not a terminal, it runs it as a script. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Interactive Java REPL inside the service: completion (TAB), documentation (Shift-TAB),",
                "multi-line snippets, history (Ctrl-R), Ctrl-C interrupts running code, Ctrl-D leaves.",
                "When standard input is not a terminal, it evaluates it like hotline eval."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:left normally", "1:(script mode) the code failed", "3:cannot connect, or the connection was lost"})
final class ReplCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--session", paramLabel = "NAME", defaultValue = "main",
            description = "Session to use (default: ${DEFAULT-VALUE}).")
    String session;

    @Option(names = "--fresh", description = "Use a fresh session that ends when the REPL does.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Target resolved = target.resolve();
        if (System.console() == null) {
            return EvalCommand.run(resolved, session, EvalCommand.readStdin(), false, null);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
                ReplConnection connection = new ReplConnection(NativeConnection.open(resolved))) {
            return start(terminal, connection, session, fresh);
        }
    }

    /** Starts a REPL on {@code terminal}; the history lives in {@code ~/.hotline/history/SERVICE}. */
    static int start(Terminal terminal, ReplConnection connection, String session, boolean fresh) throws Exception {
        Path historyDir = Path.of(System.getProperty("user.home"), ".hotline", "history");
        return start(terminal, connection, session, fresh, historyDir);
    }

    static int start(Terminal terminal, ReplConnection connection, String session, boolean fresh, Path historyDir)
            throws Exception {
        Plist status = connection.call("status", Plist.builder());
        if (ReplConnection.CLOSED == status) {
            throw new CliException(ExitCodes.CANNOT_CONNECT, "the service closed the connection (wrong token?)");
        }
        String service = status.string("service").orElse("service");
        String useSession = session;
        if (fresh) {
            useSession = connection.call("clone", Plist.builder()).string(Wire.NEW_SESSION).orElse(session);
        }
        Files.createDirectories(historyDir);
        return new Repl(terminal, connection, service, useSession, historyDir.resolve(service)).run();
    }
}
