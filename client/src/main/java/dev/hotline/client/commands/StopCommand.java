package dev.hotline.client.commands;

import dev.hotline.client.service.ServiceConfig;
import dev.hotline.client.service.ServiceControl;
import dev.hotline.client.service.ServiceLocation;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stops the service: a shutdown request over the protocol (shutdown hooks run), then SIGTERM "
                        + "after stop-timeout, then SIGKILL after term-timeout.",
                "Says which step ended it. Through a bridge (--via, ssh://, kubectl://), only the shutdown request crosses:"
                        + " a service that does not exit on it is stopped by hotline stop on its own host."})
public final class StopCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--snapshot", description = "Save the image first (a failed snapshot leaves the service running).")
    boolean snapshot;

    @Override
    public Integer call() throws Exception {
        ServiceLocation location = service.locate();
        if (location.run().isEmpty() && location.target().via().isPresent()) {
            return ServiceControl.onConsole().stopThrough(location.target(), ServiceControl.DEFAULT_TIMEOUT, snapshot);
        }
        Optional<ServiceConfig> config = location.config();
        boolean save = snapshot || config.map(ServiceConfig::snapshotOnStop).orElse(false);
        return ServiceControl.onConsole().stop(location.runDirectory(),
                config.map(ServiceConfig::stopTimeout).orElse(ServiceControl.DEFAULT_TIMEOUT),
                config.map(ServiceConfig::termTimeout).orElse(ServiceControl.DEFAULT_TIMEOUT), save);
    }
}
