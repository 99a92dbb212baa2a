package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Saves the service's live changes to RUNDIR/NAME.image: each named session's declarations and "
                        + "every hot-reloaded class.",
                "The next start resumes them. Written atomically. With --heap, writes a heap dump instead; with "
                        + "--checkpoint, takes a CRaC checkpoint where the JVM has CRaC."})
public final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--heap", paramLabel = "FILE.hprof", description = "Write a heap dump of the live objects there instead.")
    Path heap;

    @Option(names = "--checkpoint", description = "Take a CRaC checkpoint instead (JVMs with CRaC only).")
    boolean checkpoint;

    @Override
    public Integer call() throws Exception {
        Plist.Builder request = Plist.builder();
        if (heap != null) {
            request.put("heap", heap.toAbsolutePath().toString());
        }
        if (checkpoint) {
            request.put("checkpoint", Sexp.T);
        }
        if (service.target.isFanOut()) {
            return FanOut.run(service.target.members(), service.target.parallel(), false, false, one -> {
                one.connection().send("snapshot", request);
                Plist reply = one.connection().read(Duration.ofMinutes(2));
                return reply.keywords(Wire.STATUS).contains(Wire.ERROR)
                        ? FanOut.Result.failed(ExitCodes.FAILED, reply.string(Wire.MESSAGE).orElse("snapshot failed"), "")
                        : FanOut.Result.ok(reply.integer("declarations").orElse(0L) + " declarations, "
                                + reply.integer("classes").orElse(0L) + " classes", reply.string("report").orElse(""));
            });
        }
        try (NativeConnection connection = NativeConnection.open(service.locate().target())) {
            connection.send("snapshot", request);
            Plist reply = connection.read(Duration.ofMinutes(2));
            if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                Console.stderr().println("hotline: " + reply.string(Wire.MESSAGE).orElse("snapshot failed"));
                return ExitCodes.FAILED;
            }
            PrintWriter out = Console.stdout();
            out.print(reply.string("report").orElse(""));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
