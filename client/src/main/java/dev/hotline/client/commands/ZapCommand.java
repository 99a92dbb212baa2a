package dev.hotline.client.commands;

import dev.hotline.client.service.ServiceControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "zap", mixinStandardHelpOptions = true,
        description = "Removes the pid and port files a crashed service left; refuses while it runs.")
public final class ZapCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        return ServiceControl.onConsole().zap(service.run());
    }
}
