package dev.hotline.client.commands;

import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hotline man-pages DIR}: writes {@code hotline.1} and a {@code hotline-COMMAND.1} per subcommand, in
 * troff, from the same model as the help. The release build runs it into {@code share/man/man1}; it is hidden
 * from the help, which is where a person reads the same text.
 */
@Command(name = "man-pages", hidden = true, description = "Writes the man pages of hotline and its subcommands.")
public final class ManPagesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Where to write them.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        CommandSpec root = spec.root();
        write(root, "hotline");
        for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
            CommandSpec command = sub.getValue().getCommandSpec();
            if (!command.usageMessage().hidden() && sub.getKey().equals(command.name())) {
                write(command, "hotline-" + command.name());
            }
        }
        return ExitCodes.OK;
    }

    private void write(CommandSpec command, String page) throws IOException {
        StringBuilder man = new StringBuilder();
        man.append(".TH ").append(page.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"")
                .append(escape(String.join(" ", command.version().length > 0 ? command.version()[0] : "hotline")))
                .append("\" \"Hotline manual\"\n");
        String[] description = command.usageMessage().description();
        man.append(".SH NAME\n").append(escape(page)).append(" \\- ")
                .append(escape(description.length > 0 ? description[0] : "")).append('\n');
        man.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(new CommandLine.Help(command, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                        .synopsis(0).strip())).append("\n.fi\n");
        man.append(".SH DESCRIPTION\n").append(escape(String.join(" ", description))).append('\n');
        if (!command.subcommands().isEmpty()) {
            man.append(".SH COMMANDS\n");
            command.subcommands().forEach((name, sub) -> {
                String[] d = sub.getCommandSpec().usageMessage().description();
                if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandSpec().name())) {
                    man.append(".TP\n.B ").append(escape(name)).append('\n').append(escape(d.length > 0 ? d[0] : ""))
                            .append("\nSee \\fBhotline\\-").append(escape(name)).append("\\fR(1).\n");
                }
            });
        }
        if (!command.positionalParameters().isEmpty() || !command.options().isEmpty()) {
            man.append(".SH OPTIONS\n");
            for (ArgSpec arg : command.args()) {
                String label = arg instanceof OptionSpec option
                        ? String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "")
                        : arg.paramLabel();
                man.append(".TP\n.B ").append(escape(label)).append('\n')
                        .append(escape(String.join(" ", arg.description()).replace("${DEFAULT-VALUE}",
                                String.valueOf(arg.defaultValue())))).append('\n');
            }
        }
        man.append(".SH EXIT STATUS\n");
        ExitCodes.HELP.forEach((code, meaning) ->
                man.append(".TP\n.B ").append(code).append('\n').append(escape(meaning)).append('\n'));
        Files.writeString(dir.resolve(page + ".1"), man.toString());
    }

    /** troff's special characters: backslash, a dot or quote starting a line, and hyphens (as minus signs). */
    private static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
