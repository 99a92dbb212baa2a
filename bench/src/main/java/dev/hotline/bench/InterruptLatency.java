package dev.hotline.bench;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How long an interrupt takes: for each snippet, start it, wait a second, send interrupt, and time until
 * the eval's final reply; then check the session still answers. Prints one line per snippet.
 * Usage: java -cp BENCH_CLASSPATH dev.hotline.bench.InterruptLatency PORTFILE TOKENFILE SNIPPET...
 */
public final class InterruptLatency {
    public static void main(String[] args) throws Exception {
        Target target = Target.resolve("127.0.0.1", null, Path.of(args[0]), Path.of(args[1]));
        try (NativeConnection connection = NativeConnection.open(target)) {
            connection.eval(null, "1+1");
            for (int i = 2; i < args.length; i++) {
                long id = connection.send("eval", Plist.builder().put(Wire.CODE, args[i]));
                Thread.sleep(1000);
                long t0 = System.nanoTime();
                connection.send("interrupt", Plist.builder());
                Answer end = Answer.collect(() -> connection.read(null), id);
                double ms = (System.nanoTime() - t0) / 1e6;
                Answer after = connection.eval(null, "40+2");
                String kind = end.message().orElse("").contains("could not be stopped")
                        ? "abandoned, thread left running" : "stopped";
                System.out.printf("%-55s %8.1f ms  %-32s session after: %s%n", args[i], ms, kind,
                        after.value().equals(Optional.of("42")) ? "ok" : after.last());
            }
        }
    }
}
