package dev.hotline.client.service;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where {@code hotline-agent.jar} is, for the commands that load it into a JVM. */
public final class AgentJar {
    private AgentJar() {
    }

    /**
     * {@code $HOTLINE_AGENT} if set; else beside the client jar (an installed layout); else the repository's
     * {@code agent/target/hotline-agent.jar} next to {@code client/target/}.
     */
    public static Path locate() throws CliException {
        String fromEnv = System.getenv("HOTLINE_AGENT");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existing(Path.of(fromEnv));
        }
        Path clientJar;
        try {
            clientJar = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "cannot tell where hotline is installed; set HOTLINE_AGENT");
        }
        Path dir = clientJar.getParent();
        for (Path candidate : List.of(dir.resolve("hotline-agent.jar"),
                dir.resolveSibling("..").resolve("agent/target/hotline-agent.jar").normalize())) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new CliException(ExitCodes.USAGE, "hotline-agent.jar not found beside " + clientJar
                + " nor in agent/target; build it (mvn package) or set HOTLINE_AGENT");
    }

    private static Path existing(Path jar) throws CliException {
        if (!Files.isRegularFile(jar)) {
            throw new CliException(ExitCodes.USAGE, "HOTLINE_AGENT=" + jar + " is not a file");
        }
        return jar.toAbsolutePath();
    }
}
