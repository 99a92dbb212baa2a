package dev.hotline.client.commands;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.service.ServiceState;
import dev.hotline.protocol.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline list}: the services of a run directory, and the local JVMs that run the agent. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the services of a run directory with their state, and the local JVMs (of this user) that "
                        + "run the agent (found through the Attach API, which reads their system properties)."})
public final class ListCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: ~/.hotline/run).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = Console.stdout();
        Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
        out.println("services in " + runDir + ":");
        List<Path> pidFiles;
        try (Stream<Path> files = Files.isDirectory(runDir) ? Files.list(runDir) : Stream.empty()) {
            pidFiles = files.filter(f -> f.toString().endsWith(".pid")).sorted().toList();
        }
        if (pidFiles.isEmpty()) {
            out.println("  none");
        }
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            ServiceState state = ServiceState.of(new RunDirectory(runDir, name));
            out.println("  " + name + ": " + describe(state));
        }
        out.println("JVMs running the agent:");
        boolean any = false;
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (jvm.id().equals(String.valueOf(ProcessHandle.current().pid()))) {
                continue;
            }
            try {
                VirtualMachine vm = VirtualMachine.attach(jvm);
                try {
                    Properties p = vm.getSystemProperties();
                    if (p.getProperty("dev.hotline.port") != null) {
                        out.println("  pid " + jvm.id() + ": service " + p.getProperty("dev.hotline.service") + ", port "
                                + p.getProperty("dev.hotline.port") + " (" + p.getProperty("dev.hotline.port-file") + ")");
                        any = true;
                    }
                } finally {
                    vm.detach();
                }
            } catch (Exception e) {
                // not attachable (another user, not HotSpot, exiting): not listed
            }
        }
        if (!any) {
            out.println("  none");
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
