package dev.hotline.client.commands;

import dev.hotline.client.service.ServiceConfig;
import dev.hotline.client.service.ServiceControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops the service if it runs, then starts it.")
public final class RestartCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        ServiceConfig config = service.config();
        ServiceControl control = ServiceControl.onConsole();
        int stopped = control.stop(config.run(), config.stopTimeout(),
                config.termTimeout(), config.snapshotOnStop());
        return stopped != 0 ? stopped : control.start(config);
    }
}
