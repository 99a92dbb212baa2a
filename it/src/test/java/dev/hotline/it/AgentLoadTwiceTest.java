package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the agent into a JVM that already runs it reports the running server instead of starting another. */
class AgentLoadTwiceTest {

    @Test
    void secondLoadThroughTheAttachApiReusesTheServer(@TempDir Path work) throws Exception {
        try (TargetJvm target = TargetJvm.start(Jdk.build(), work.resolve("run"), "twice", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService")) {
            int port = target.port();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(target.pid()));
            try {
                vm.loadAgent(Artifacts.agentJar().toString(), "name=second,dir=" + work.resolve("run2"));
            } finally {
                vm.detach();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!target.stderr().contains("already listening") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(target.stderr().contains("hotline: already listening on port " + port), target.stderr());
            assertTrue(!Files.exists(work.resolve("run2/second.port")), "no second server was started");
            assertEquals("2\n", Cli.eval(target, "1+1").stdout());
        }
    }
}
