package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.service.ServiceConfig;
import dev.hotline.protocol.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How the daemon commands name their service: a config file, or a name in a run directory (a picocli mixin). */
final class ServiceOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE",
            description = "A config file (.properties), or the name of a service in the run directory.")
    String service;

    @Option(names = "--conf", paramLabel = "FILE", description = "The service's config file.")
    Path conf;

    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory, for a service named without a config (default: ~/.hotline/run).")
    Path dir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a config key; repeatable.")
    List<String> overrides = new ArrayList<>();

    /** The config file named, if any. */
    Optional<Path> configFile() {
        if (conf != null) {
            return Optional.of(conf);
        }
        if (service != null && (service.endsWith(".properties") || Files.isRegularFile(Path.of(service)))) {
            return Optional.of(Path.of(service));
        }
        return Optional.empty();
    }

    /** The config; this command needs one. */
    ServiceConfig config() throws CliException {
        return ServiceConfig.load(configFile().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "give the service's config file: hotline COMMAND FILE.properties (or --conf FILE)")), overrides);
    }

    /** The config when one was named, else empty (the service is then known by name only). */
    Optional<ServiceConfig> optionalConfig() throws CliException {
        return configFile().isPresent() ? Optional.of(config()) : Optional.empty();
    }

    /** The service's run directory files. */
    RunDirectory run() throws CliException {
        return run(optionalConfig());
    }

    /** The same, for a caller that has already read the optional config (reads it once, not twice). */
    RunDirectory run(Optional<ServiceConfig> config) throws CliException {
        if (config.isPresent()) {
            return new RunDirectory(config.get().runDir(), config.get().name());
        }
        if (service == null) {
            throw new CliException(ExitCodes.USAGE, "say which service: a config file, or a name (with --dir)");
        }
        return new RunDirectory((dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath(), service);
    }
}
