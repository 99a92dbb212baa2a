package dev.hotline.client.commands;

import dev.hotline.client.service.ServiceControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts the service detached (new session, stdin from /dev/null, output appended to "
                        + "RUNDIR/NAME.log) with the agent, and waits until it answers."})
public final class StartCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return ServiceControl.onConsole().start(service.config());
    }
}
