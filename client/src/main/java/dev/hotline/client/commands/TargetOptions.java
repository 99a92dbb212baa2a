package dev.hotline.client.commands;

import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command uses to pick its service (a picocli mixin). */
public final class TargetOptions {
    @Option(names = "--name", paramLabel = "NAME", description = "Service name: its files are NAME.port and NAME.token in the run directory.")
    String name;

    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: ~/.hotline/run).")
    Path dir;

    @Option(names = "--port-file", paramLabel = "FILE", description = "File holding the port; the token is read from the .token file beside it.")
    Path portFile;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to connect to.")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the token.")
    Path tokenFile;

    Target resolve() throws CliException {
        return Target.resolve(host, port, portFile, tokenFile, dir, name);
    }
}
