package dev.hotline.client.service;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the service a process runs: by the pid files of a run directory, else by asking the JVM itself. */
public final class ServicesByPid {
    private ServicesByPid() {
    }

    /**
     * The run directory and name of the service whose process is {@code pid}: a pid file of {@code dir} that
     * names it, else the port file the agent inside that JVM advertises (read through the Attach API, which
     * loads nothing into it).
     */
    public static RunDirectory find(long pid, Path dir) throws CliException {
        Optional<RunDirectory> recorded = inRunDirectory(pid, dir);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        String portFile;
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                portFile = vm.getSystemProperties().getProperty("dev.hotline.port-file");
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "no service of pid " + pid + " in " + dir
                    + ", and that process cannot be asked (" + e.getMessage() + "): is it a JVM of this user?");
        }
        if (portFile == null) {
            throw new CliException(ExitCodes.UNREACHABLE, "JVM " + pid + " does not run Hotline: hotline attach " + pid);
        }
        Path file = Path.of(portFile);
        return new RunDirectory(file.getParent(), file.getFileName().toString().replaceFirst("\\.port$", ""));
    }

    private static Optional<RunDirectory> inRunDirectory(long pid, Path dir) throws CliException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pid")).sorted()::iterator) {
                RunDirectory run = new RunDirectory(dir, file.getFileName().toString().replaceFirst("\\.pid$", ""));
                if (run.readPid().map(r -> r.pid() == pid).orElse(false)) {
                    return Optional.of(run);
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNKNOWN, "cannot read the run directory " + dir + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
