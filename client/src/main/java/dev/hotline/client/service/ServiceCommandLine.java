package dev.hotline.client.service;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command lines that run a configured service with the agent. */
public final class ServiceCommandLine {
    private ServiceCommandLine() {
    }

    /**
     * {@code java [jvm-options] -javaagent:...=daemon=true,... (-cp CP MAIN | -jar JAR) [args]}; the service's
     * image is passed when one exists, so the start resumes it.
     */
    public static List<String> java(ServiceConfig c, Path agentJar) throws CliException {
        Path image = c.run().imageFile();
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("name", c.name());
        agent.put("dir", c.runDir().toString());
        agent.put("port", String.valueOf(c.port()));
        agent.put("host", c.host());
        agent.put("auth", c.auth());
        agent.put("daemon", "true");
        if (c.watch() != null) {
            agent.put("watch", c.watch().toString());
        }
        if (Files.exists(image)) {
            agent.put("image", image.toString());
        }
        if (c.compile() != null) {
            agent.put("compile", c.compile());
        }
        List<String> command = new ArrayList<>();
        command.add(c.javaHome().resolve("bin/java").toString());
        command.addAll(c.jvmOptions());
        try {
            command.add("-javaagent:" + agentJar + "=" + RunDirectory.agentArguments(agent));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (c.jar() != null) {
            command.add("-jar");
            command.add(c.jar().toString());
        } else {
            if (!c.classPath().isEmpty()) {
                command.add("-cp");
                command.add(c.classPath());
            }
            command.add(c.mainClass());
        }
        command.addAll(c.args());
        return command;
    }

    /**
     * The detached form, for {@code hotline start}: a new session ({@code setsid}, so closing the launching
     * terminal cannot reach it), INT, QUIT and HUP back to their default dispositions (a shell's background
     * job would otherwise pass them on ignored, and the JVM would then never install its handlers), and the
     * configured user when run by root ({@code setpriv}). Each of these execs the next, so the process
     * started is the JVM itself.
     */
    static List<String> detached(ServiceConfig c, Path agentJar) throws CliException {
        List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT,QUIT,HUP"));
        command.addAll(asUser(c));
        command.addAll(java(c, agentJar));
        return command;
    }

    /** The foreground form, for {@code hotline run}: default signal dispositions, the configured user. */
    public static List<String> foreground(ServiceConfig c, Path agentJar) throws CliException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,QUIT,HUP"));
        command.addAll(asUser(c));
        command.addAll(java(c, agentJar));
        return command;
    }

    private static List<String> asUser(ServiceConfig c) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (c.user() == null || !root || c.user().equals("root")) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + c.user(), "--regid=" + c.user(), "--init-groups", "--");
    }
}
