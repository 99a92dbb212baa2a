package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.service.AgentJar;
import dev.hotline.client.service.ServiceCommandLine;
import dev.hotline.client.service.ServiceConfig;
import dev.hotline.client.service.ServiceState;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hotline run}: the service in the foreground, for systemd, Supervisor, tmux and debugging. Its output
 * goes to this terminal; SIGTERM or SIGINT to {@code hotline run} stop the service gracefully (they are passed
 * on as SIGTERM, then SIGKILL after term-timeout), and {@code hotline run} exits with the service's status.
 */
@Command(name = "run", aliases = "nodaemon", mixinStandardHelpOptions = true,
        description = {"Runs the service in the foreground with the agent (for systemd, Supervisor, tmux).",
                "SIGTERM and SIGINT stop it gracefully; the exit status is the service's."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        ServiceConfig config = service.config();
        if (ServiceState.of(config.run()) instanceof ServiceState.Running running) {
            throw new CliException(1, config.name() + " is already running (pid " + running.record().pid() + ")");
        }
        config.run().create();
        ProcessBuilder builder = new ProcessBuilder(ServiceCommandLine.foreground(config, AgentJar.locate()))
                .directory(config.workDir().toFile())
                .inheritIO();
        builder.environment().putAll(config.env());
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, config.termTimeout()), "hotline-run-stop"));
        return process.waitFor();
    }

    private static void stop(Process process, Duration termTimeout) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(termTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
