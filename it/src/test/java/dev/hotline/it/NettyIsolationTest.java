package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service built on its own Netty (4.1.115, not Hotline's 4.1.118) keeps serving with the agent loaded, and
 * snippets see the application's Netty, not Hotline's relocated copy.
 */
class NettyIsolationTest {

    @Test
    void onJdk17(@TempDir Path work) throws Exception {
        check(Jdk.build(), work);
    }

    @Test
    void onJdk25(@TempDir Path work) throws Exception {
        check(Jdk.jdk25(), work);
    }

    private static void check(Jdk jdk, Path work) throws Exception {
        Path httpPortFile = work.resolve("http.port");
        try (TargetJvm app = TargetJvm.start(jdk, work.resolve("run"), "nettyapp", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.nettyapp.NettyService", "--port-file", httpPortFile.toString())) {
            app.awaitFile(httpPortFile);
            String port = Files.readString(httpPortFile).strip();
            assertEquals("netty 4.1.115.Final\n", Http.get("http://127.0.0.1:" + port + "/"));
            Cli.Result r = Cli.eval(app, "io.netty.util.Version.identify().get(\"netty-common\").artifactVersion()");
            assertEquals("\"4.1.115.Final\"\n", r.stdout(), r::toString);
            assertEquals("netty 4.1.115.Final\n", Http.get("http://127.0.0.1:" + port + "/"), "still serving");
        }
    }
}
