package dev.hotline.client.commands;

import dev.hotline.client.service.ServiceControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "kill", mixinStandardHelpOptions = true, description = "Sends SIGKILL now, then cleans up the pid and port files.")
public final class KillCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return ServiceControl.onConsole().kill(service.run());
    }
}
