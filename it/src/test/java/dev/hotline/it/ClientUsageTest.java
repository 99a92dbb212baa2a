package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The CLI's exit codes for what goes wrong before any service is reached. */
class ClientUsageTest {

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Cli.Result r = Cli.run("", "eval", "--no-such-option", "1+1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--no-such-option"), r::toString);
    }

    @Test
    void noTargetIsAUsageErrorThatSaysHowToNameOne() throws Exception {
        Cli.Result r = Cli.run("", "eval", "1+1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--name NAME"), r::toString);
    }

    @Test
    void refusedConnectionExitsThree() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Cli.Result r = Cli.run("", "eval", "--port", String.valueOf(closedPort), "1+1");
        assertEquals(3, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("connection refused"), r::toString);
    }

    @Test
    void helpListsTheExitCodes() throws Exception {
        Cli.Result r = Cli.run("", "eval", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Exit codes:") && r.stdout().contains("4   timed out"), r::toString);
    }
}
