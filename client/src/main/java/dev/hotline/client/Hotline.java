package dev.hotline.client;

import dev.hotline.client.commands.AttachCommand;
import dev.hotline.client.commands.DetachCommand;
import dev.hotline.client.commands.EvalCommand;
import dev.hotline.client.commands.EvalFastPath;
import dev.hotline.client.commands.ImageCommand;
import dev.hotline.client.commands.KillCommand;
import dev.hotline.client.commands.ListCommand;
import dev.hotline.client.commands.ReloadCommand;
import dev.hotline.client.commands.ReplCommand;
import dev.hotline.client.commands.RestartCommand;
import dev.hotline.client.commands.RunCommand;
import dev.hotline.client.commands.SnapshotCommand;
import dev.hotline.client.commands.StartCommand;
import dev.hotline.client.commands.StatusCommand;
import dev.hotline.client.commands.StopCommand;
import dev.hotline.client.commands.SystemdUnitCommand;
import dev.hotline.client.commands.ZapCommand;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code hotline} command. */
@Command(name = "hotline", mixinStandardHelpOptions = true, version = "hotline 0.1.0",
        description = "A live line into a running JVM.")
public final class Hotline {
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(EvalCommand.class, ReplCommand.class, ReloadCommand.class,
            StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class, KillCommand.class,
            ZapCommand.class, SnapshotCommand.class, ImageCommand.class, DetachCommand.class, RunCommand.class, AttachCommand.class,
            ListCommand.class, SystemdUnitCommand.class, CommandLine.HelpCommand.class);

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
        CommandLine commandLine = withSubcommands(args.length == 0 ? "" : args[0]);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException || e instanceof IOException) {
                return report(e, cmd.getErr());
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /**
     * The command line with only the subcommand that {@code first} names, or with all of them when it names
     * none ({@code --help}, {@code help}, a typo): picocli builds a command's model by reflection, and building
     * all sixteen costs a few hundred milliseconds that {@code attach} or {@code status} would otherwise pay.
     */
    private static CommandLine withSubcommands(String first) {
        CommandLine commandLine = new CommandLine(new Hotline());
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> !c.equals(CommandLine.HelpCommand.class))
                .filter(c -> names(c).contains(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        withExitCodes(commandLine);
        commandLine.getSubcommands().values().forEach(Hotline::withExitCodes);
        return commandLine;
    }

    /** Every command's help ends with the one exit-code table. */
    private static void withExitCodes(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP);
    }

    private static List<String> names(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }

    /** The exit code for a command's expected failure (a {@link CliException} or I/O), after saying what failed. */
    private static int report(Exception e, PrintWriter err) {
        if (e instanceof CliException cli) {
            err.println("hotline: " + cli.getMessage());
            return cli.exitCode();
        }
        err.println("hotline: connection failed: " + e.getMessage());
        return ExitCodes.UNREACHABLE;
    }
}
