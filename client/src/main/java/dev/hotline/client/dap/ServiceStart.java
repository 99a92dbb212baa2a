package dev.hotline.client.dap;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A service a {@code launch} configuration started: {@code hotline start CONFIG} and, when the IDE terminates it,
 * {@code hotline stop CONFIG}, each run as a child process of this CLI (the same Java and jar), so that
 * nothing they print reaches the adapter's own standard output, which carries the protocol.
 */
final class ServiceStart {
    private final String config;

    private ServiceStart(String config) {
        this.config = config;
    }

    /** Starts the service of {@code config}; what the start prints goes to {@code output}. */
    static ServiceStart run(String config, Consumer<String> output) {
        int exit = hotline(List.of("start", config), output);
        if (exit != 0) {
            throw new IllegalStateException("hotline start " + config + " failed (exit " + exit + "): see the Debug"
                    + " Console for what it said");
        }
        return new ServiceStart(config);
    }

    /** Stops the service (the IDE terminated the launch). */
    void stop(Consumer<String> output) {
        hotline(List.of("stop", config), output);
    }

    /**
     * How this process was started, up to its {@code dap} argument ({@code java ... -jar hotline-client.jar}): the
     * same Java, options and jar run the other commands.
     */
    private static List<String> hotlineCommand() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> command = new ArrayList<>(List.of(self.command().orElse("java")));
        for (String arg : self.arguments().orElse(new String[0])) {
            if (arg.equals("dap")) {
                return command;
            }
            command.add(arg);
        }
        throw new IllegalStateException("cannot tell how hotline was started, to run hotline start: run the adapter"
                + " as hotline dap");
    }

    private static int hotline(List<String> args, Consumer<String> output) {
        List<String> command = new ArrayList<>(hotlineCommand());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.accept(line + "\n"));
            }
            return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run hotline " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
