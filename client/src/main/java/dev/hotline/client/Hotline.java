package dev.hotline.client;

import dev.hotline.client.commands.AttachCommand;
import dev.hotline.client.commands.AuditCommand;
import dev.hotline.client.commands.BridgeCommand;
import dev.hotline.client.commands.BridgeFastPath;
import dev.hotline.client.commands.CaptureCommand;
import dev.hotline.client.commands.CatchCommand;
import dev.hotline.client.commands.CompletionCommand;
import dev.hotline.client.commands.DapCommand;
import dev.hotline.client.commands.DetachCommand;
import dev.hotline.client.commands.DoctorCommand;
import dev.hotline.client.commands.EvalCommand;
import dev.hotline.client.commands.EvalFastPath;
import dev.hotline.client.commands.ImageCommand;
import dev.hotline.client.commands.KernelCommand;
import dev.hotline.client.commands.KillCommand;
import dev.hotline.client.commands.ListCommand;
import dev.hotline.client.commands.LogCommand;
import dev.hotline.client.commands.ManPagesCommand;
import dev.hotline.client.commands.MonitorCommand;
import dev.hotline.client.commands.ProbesCommand;
import dev.hotline.client.commands.ProfileCommand;
import dev.hotline.client.commands.ReloadCommand;
import dev.hotline.client.commands.ReplCommand;
import dev.hotline.client.commands.RestartCommand;
import dev.hotline.client.commands.RunCommand;
import dev.hotline.client.commands.SnapshotCommand;
import dev.hotline.client.commands.StartCommand;
import dev.hotline.client.commands.StatusCommand;
import dev.hotline.client.commands.StopCommand;
import dev.hotline.client.commands.SystemdUnitCommand;
import dev.hotline.client.commands.ThreadsCommand;
import dev.hotline.client.commands.TraceCommand;
import dev.hotline.client.commands.UnprobeCommand;
import dev.hotline.client.commands.ZapCommand;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** The {@code hotline} command. */
@Command(name = "hotline", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A live line into a running JVM.")
public final class Hotline {
    private static final int DEFAULT_HELP_WIDTH = 80;
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(EvalCommand.class, ReplCommand.class, ReloadCommand.class,
            StartCommand.class, StopCommand.class, RestartCommand.class, StatusCommand.class, KillCommand.class,
            ZapCommand.class, SnapshotCommand.class, ImageCommand.class, TraceCommand.class, MonitorCommand.class, ProfileCommand.class, LogCommand.class, CaptureCommand.class, CatchCommand.class, ProbesCommand.class, UnprobeCommand.class, ThreadsCommand.class, DapCommand.class, KernelCommand.class, DetachCommand.class, RunCommand.class, AttachCommand.class,
            ListCommand.class, BridgeCommand.class, AuditCommand.class, SystemdUnitCommand.class, DoctorCommand.class, CompletionCommand.class,
            ManPagesCommand.class, CommandLine.HelpCommand.class);
    /** The subcommands that describe all the others, so the root builds them all when one of these runs. */
    private static final Set<String> DESCRIBE_ALL = Set.of("completion", "man-pages");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** {@code hotline --version} without picocli, which would build the model of every command first (200 ms). */
    private static OptionalInt printVersion() throws IOException {
        for (String line : new Version().getVersion()) {
            System.out.println(line);
        }
        return OptionalInt.of(ExitCodes.OK);
    }

    /**
     * Runs the command line and returns its exit code (see {@link ExitCodes}). A plain {@code eval} (or
     * {@code send-eval}), the command scripts run in loops, and a plain {@code bridge}, which every remote command
     * starts on the far host, skip picocli: see {@link EvalFastPath} and {@link BridgeFastPath}; so does {@code --version}.
     */
    public static int run(String... args) {
        if (args.length > 0) {
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            try {
                OptionalInt exit = switch (args[0]) {
                    case "eval", "send-eval" -> EvalFastPath.run(rest);
                    case "bridge" -> BridgeFastPath.run(rest);
                    case "--version", "-V" -> args.length == 1 ? printVersion() : OptionalInt.empty();
                    default -> OptionalInt.empty();
                };
                if (exit.isPresent()) {
                    return exit.getAsInt();
                }
            } catch (CliException | IOException e) {
                return report(e, new PrintWriter(System.err, true));
            } catch (InterruptedException e) {
                return report(new CliException(ExitCodes.FAILED, "interrupted"), new PrintWriter(System.err, true));
            }
        }
        CommandLine commandLine = withSubcommands(args.length == 0 ? "" : args[0]);
        commandLine.setUsageHelpWidth(DEFAULT_HELP_WIDTH);
        commandLine.setUsageHelpAutoWidth(System.console() != null); // the terminal's width; 80 when piped
        commandLine.setParameterExceptionHandler(Hotline::usageError);
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
     * none ({@code --help}, {@code help}, a typo) or describes them all ({@code completion}, {@code man-pages}): picocli
     * builds a command's model by reflection, and building all of them costs a few hundred milliseconds that
     * {@code attach} or {@code status} would otherwise pay.
     */
    private static CommandLine withSubcommands(String first) {
        CommandLine commandLine = new CommandLine(new Hotline());
        List<Class<?>> named = DESCRIBE_ALL.contains(first) ? List.of() : SUBCOMMANDS.stream()
                .filter(c -> !c.equals(CommandLine.HelpCommand.class)).filter(c -> names(c).contains(first)).toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        withExitCodes(commandLine);
        commandLine.getSubcommands().values().forEach(Hotline::withExitCodes);
        return commandLine;
    }

    /**
     * A command line that cannot be read: the one-line reason, near option names ("did you mean"), and where the
     * help is, rather than the whole usage, which would scroll the reason away.
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("hotline: " + reason(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    /** picocli's reason, except for a value of the wrong type, which says what is expected instead. */
    private static String reason(ParameterException e) {
        if (e.getArgSpec() instanceof OptionSpec option && e.getValue() != null
                && e.getMessage().startsWith("Invalid value")) {
            Class<?> type = option.type();
            String kind = type == Double.class || type == double.class ? " (a number, e.g. 2.5)"
                    : type == Integer.class || type == int.class || type == Long.class || type == long.class
                            ? " (a whole number)" : "";
            return option.longestName() + " expects " + option.paramLabel() + kind + ", not '" + e.getValue() + "'";
        }
        return e.getMessage();
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
