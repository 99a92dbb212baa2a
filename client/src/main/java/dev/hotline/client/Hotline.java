package dev.hotline.client;

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

    /** Runs the command line and returns its exit code (see {@link ExitCodes}). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Hotline());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException cli) {
                cmd.getErr().println("hotline: " + cli.getMessage());
                return cli.exitCode();
            }
            if (e instanceof java.io.IOException) {
                cmd.getErr().println("hotline: connection failed: " + e.getMessage());
                return ExitCodes.CANNOT_CONNECT;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
