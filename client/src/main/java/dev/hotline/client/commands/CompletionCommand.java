package dev.hotline.client.commands;

import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hotline completion}: the bash completion script, made from the same model as the help, so it knows
 * every subcommand and option. The release installs it as {@code share/bash-completion/completions/hotline}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the bash (and zsh, through bashcompinit) completion script.",
                "Load it with: source <(hotline completion)."})
public final class CompletionCommand implements Callable<Integer> {
    /** The root command, which the root builds with every subcommand when this one runs. */
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = Console.stdout();
        out.print(AutoComplete.bash("hotline", spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
