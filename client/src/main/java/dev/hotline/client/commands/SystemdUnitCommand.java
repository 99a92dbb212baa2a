package dev.hotline.client.commands;

import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.service.AgentJar;
import dev.hotline.client.service.ServiceCommandLine;
import dev.hotline.client.service.ServiceConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hotline systemd-unit CONF}: a unit file that runs the service in the foreground under systemd, the JVM
 * itself as the main process. {@code Type=notify}: the agent sends {@code READY=1} once it listens and
 * {@code STOPPING=1} at shutdown, from the JVM's own pid ({@code NotifyAccess=main}).
 * {@code SuccessExitStatus=143} because a JVM exits 143 after SIGTERM (its shutdown hooks have run: that is a
 * clean stop).
 */
@Command(name = "systemd-unit", mixinStandardHelpOptions = true,
        description = "Prints a systemd unit for the service (install it as /etc/systemd/system/NAME.service).")
public final class SystemdUnitCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws Exception {
        ServiceConfig c = service.config();
        StringBuilder unit = new StringBuilder();
        unit.append("[Unit]\n")
                .append("Description=").append(c.name()).append(" (Java service, with a Hotline port)\n")
                .append("After=network.target\n\n")
                .append("[Service]\n")
                .append("Type=notify\n")
                .append("NotifyAccess=main\n")
                .append("ExecStart=").append(quote(ServiceCommandLine.java(c, AgentJar.locate()))).append('\n')
                .append("WorkingDirectory=").append(c.workDir()).append('\n');
        if (c.user() != null) {
            unit.append("User=").append(c.user()).append('\n');
        }
        for (Map.Entry<String, String> e : c.env().entrySet()) {
            unit.append("Environment=").append(quote(List.of(e.getKey() + "=" + e.getValue()))).append('\n');
        }
        unit.append("SuccessExitStatus=143\n")
                .append("TimeoutStopSec=").append(c.termTimeout().toSeconds() + c.stopTimeout().toSeconds()).append('\n')
                .append("Restart=on-failure\n\n")
                .append("[Install]\n")
                .append("WantedBy=multi-user.target\n");
        PrintWriter out = Console.stdout();
        out.print(unit);
        out.flush();
        return ExitCodes.OK;
    }

    /** systemd's command-line quoting: every word in double quotes, with {@code "}, {@code \} and {@code %} escaped. */
    private static String quote(List<String> words) {
        return words.stream()
                .map(w -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"")
                .collect(Collectors.joining(" "));
    }
}
