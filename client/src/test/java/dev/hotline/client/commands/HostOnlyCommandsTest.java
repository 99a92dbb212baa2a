package dev.hotline.client.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.Hotline;
import dev.hotline.client.core.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Commands that act on the service's process and files say, for a service behind a bridge, where to run them. */
class HostOnlyCommandsTest {
    @Test
    void killZapAndAuditThroughABridgeSayToRunThemOnTheHost() {
        for (String command : new String[] {"kill", "zap", "audit"}) {
            PrintStream original = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Hotline.run(command, "--name", "ssh://deploy@web1/orders");
            } finally {
                System.setErr(original);
            }
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(ExitCodes.USAGE, exit, command + ": " + said);
            assertTrue(said.contains("works on the service's own host") && said.contains("ssh HOST hotline COMMAND"),
                    command + ": " + said);
        }
    }
}
