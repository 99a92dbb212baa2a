package dev.hotline.server.pipeline;

import dev.hotline.server.service.Service;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the in-memory dialect tests share: one service per test class (its sessions' JShells are created once),
 * with auth on and a frame limit of {@value #MAX_FRAME} bytes; each test opens its own
 * {@link InMemoryConnection}s to it.
 */
abstract class InMemoryServiceTest {
    static final int MAX_FRAME = 1024;

    @TempDir
    static Path runDir;
    static Service service;

    @BeforeAll
    static void startService() throws Exception {
        service = InMemoryConnection.service(runDir, Map.of("max-frame", String.valueOf(MAX_FRAME)));
    }

    @AfterAll
    static void stopService() {
        service.sessions().close();
    }
}
