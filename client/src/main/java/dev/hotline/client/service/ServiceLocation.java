package dev.hotline.client.service;

import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.RunDirectory;
import java.util.Optional;

/**
 * Where a command's service is, as the one target syntax designated it: its config when one was named, its
 * run directory when it is known (a config, a name, or a pid found there), and an address to connect to
 * when one was given directly ({@code --port}, {@code --port-file}).
 */
public record ServiceLocation(Optional<ServiceConfig> config, Optional<RunDirectory> run, Optional<Target> direct) {

    /** Where to connect: the address given, else the port and token files of the run directory. */
    public Target target() throws CliException {
        return direct.isPresent() ? direct.get() : Target.of(runDirectory());
    }

    /** The run directory; commands that manage the service's process need it. */
    public RunDirectory runDirectory() throws CliException {
        if (run.isEmpty() && direct.flatMap(Target::via).isPresent()) {
            throw new CliException(ExitCodes.USAGE, "this command works on the service's own host (its pid, its files),"
                    + " which a bridge does not reach: run it there, as in ssh HOST hotline COMMAND --name NAME");
        }
        return run.orElseThrow(() -> new CliException(ExitCodes.USAGE, "this command needs the service's run directory:"
                + " name it by a config file, --name NAME [--dir DIR], or --pid PID (not only by its port)"));
    }

    /** The config; commands that launch the service need one. */
    public ServiceConfig requireConfig() throws CliException {
        return config.orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "this command needs the service's config file: hotline COMMAND FILE.properties (or --conf FILE)"));
    }
}
