package dev.hotline.client.commands;

import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.client.service.LocalJvms;
import dev.hotline.client.service.ServiceState;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline list}: the services of a run directory, and the local JVMs that run the agent. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the services of a run directory with their state, and the local JVMs (of this user)"
                + " that run the agent.", "The JVMs are found through the Attach API, which reads their system"
                + " properties and loads nothing into them."})
public final class ListCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: ~/.hotline/run).")
    Path dir;

    @Option(names = "--json", description = "One JSON object per service and per JVM.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Console.stdout();
        Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
        List<Path> pidFiles;
        try (Stream<Path> files = Files.isDirectory(runDir) ? Files.list(runDir) : Stream.empty()) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).sorted().toList();
        }
        if (!json) {
            out.println("services in " + runDir + ":" + (pidFiles.isEmpty() ? " none" : ""));
        }
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            ServiceState state = ServiceState.of(new RunDirectory(runDir, name));
            if (json) {
                out.println(Json.of(Plist.builder().put("service", name).put("dir", runDir.toString())
                        .put("state", state.word()).put("pid", state.pid()).build()));
            } else {
                out.println("  " + name + ": " + describe(state));
            }
        }
        List<LocalJvms.Jvm> jvms = LocalJvms.list().stream().filter(j -> j.hotlineService().isPresent()).toList();
        if (!json) {
            out.println("JVMs running the agent:" + (jvms.isEmpty() ? " none" : ""));
        }
        for (LocalJvms.Jvm jvm : jvms) {
            if (json) {
                out.println(Json.of(Plist.builder().put("jvm", jvm.pid()).put("service", jvm.hotlineService().get())
                        .put("port-file", jvm.hotlinePortFile().orElse("")).put("java-version", jvm.javaVersion()).build()));
            } else {
                out.println("  pid " + jvm.pid() + ": service " + jvm.hotlineService().get() + " ("
                        + jvm.hotlinePortFile().orElse("no port file") + ")");
            }
        }
        return ExitCodes.OK;
    }

    private static String describe(ServiceState state) {
        if (state instanceof ServiceState.Running r) {
            return "running, pid " + r.record().pid() + (r.record().attached() ? " (attached)" : "");
        }
        if (state instanceof ServiceState.Stale s) {
            return "stale pid file (" + s.reason() + ")";
        }
        if (state instanceof ServiceState.Unknown u) {
            return "unknown (" + u.reason() + ")";
        }
        return "not running";
    }
}
