package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.bench.LoadAndFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load and faults, smaller than bench/load.sh: 16 connections mixing evaluations, garbage and clients that
 * vanish mid-evaluation while the greeter serves HTTP, on JDK 17 and 25. Nothing well-formed is lost, HTTP
 * keeps answering, and threads and heap come back to where they were.
 */
class LoadTest {
    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mixedLoadLosesNothingAndLeavesNothingBehind() throws Exception {
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Path httpPort = TargetJvm.greeterHttpPortFile(jdk, work);
            try (TargetJvm target = TargetJvm.greeter(jdk, work, "")) {
                target.awaitFile(httpPort);
                LoadAndFaults load = new LoadAndFaults(target.runDir(), target.name(),
                        Integer.parseInt(Files.readString(httpPort).strip()));
                LoadAndFaults.Result r = load.run(16, 40);
                String summary = "JDK " + jdk.label() + ": " + r.line();
                System.out.println(summary);
                assertEquals(0, r.lost(), summary);
                assertEquals(0, r.httpErrors(), summary);
                assertTrue(r.evals() > 0 && r.garbage() > 0 && r.vanished() > 0 && r.httpRequests() > 0, summary);
                assertTrue(r.threadsAfter() <= r.threadsBefore() + 2, summary);
                assertTrue(r.heapAfterMb() <= r.heapBeforeMb() + 16, summary);
                assertTrue(target.isAlive(), summary);
            }
        }
    }
}
