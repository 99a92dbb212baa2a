package dev.hotline.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hotline} command. */
@Command(name = "hotline", mixinStandardHelpOptions = true, version = "hotline 0.1.0",
        description = "A live line into a running JVM.",
        subcommands = {EvalCommand.class, ReplCommand.class, ReloadCommand.class, DaemonCommands.Start.class, DaemonCommands.Stop.class,
                DaemonCommands.Restart.class, DaemonCommands.Status.class, DaemonCommands.Kill.class,
                DaemonCommands.Zap.class, DaemonCommands.Snapshot.class, ImageCommand.class, RunCommand.class, AttachCommand.class, ListCommand.class,
                SystemdUnitCommand.class, CommandLine.HelpCommand.class})
public final class Hotline {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (see {@link ExitCodes}). A plain {@code eval} (or
     * {@code send-eval}), the command scripts run in loops, skips picocli: see {@link EvalFastPath}.
     */
    public static int run(String... args) {
        if (args.length > 0 && (args[0].equals("eval") || args[0].equals("send-eval"))) {
            try {
                OptionalInt exit = EvalFastPath.run(java.util.Arrays.copyOfRange(args, 1, args.length));
                if (exit.isPresent()) {
                    return exit.getAsInt();
                }
            } catch (CliException | IOException e) {
                return report(e, new PrintWriter(System.err, true));
            }
        }
        CommandLine commandLine = new CommandLine(new Hotline());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException || e instanceof IOException) {
                return report(e, cmd.getErr());
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The exit code for a command's expected failure (a {@link CliException} or I/O), after saying what failed. */
    private static int report(Exception e, PrintWriter err) {
        if (e instanceof CliException cli) {
            err.println("hotline: " + cli.getMessage());
            return cli.exitCode();
        }
        err.println("hotline: connection failed: " + e.getMessage());
        return ExitCodes.CANNOT_CONNECT;
    }
}
