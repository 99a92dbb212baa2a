package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.service.ServiceConfig;
import dev.hotline.client.service.ServiceLocation;
import dev.hotline.protocol.RunDirectory;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The target options of the commands that manage a service, plus their SERVICE argument: a config file or a
 * service's name (a picocli mixin). See {@link TargetOptions} for the rules.
 */
final class ServiceOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE",
            description = "A config file (.properties), or the name of a service in the run directory.")
    String service;

    @Mixin
    TargetOptions target;

    /** Where the service is; the SERVICE argument and the options together, read once. */
    ServiceLocation locate() throws CliException {
        return target.locate(service);
    }

    /** The config; this command needs one. */
    ServiceConfig config() throws CliException {
        return locate().requireConfig();
    }

    /** The config when one was named, else empty (the service is then known by name only). */
    Optional<ServiceConfig> optionalConfig() throws CliException {
        return locate().config();
    }

    /** The service's run directory files. */
    RunDirectory run() throws CliException {
        return locate().runDirectory();
    }
}
