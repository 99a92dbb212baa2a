package dev.hotline.client.commands;

import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.service.Diagnosis;
import dev.hotline.protocol.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline doctor}: checks what attach and evaluation need, and says how to fix what is wrong. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks what attach and evaluation need, says what is wrong and how to fix it.",
                "It checks the JDK, the run directory and, with --pid, the process to attach to: a JVM of this user,"
                        + " attachable, in this mount namespace, with jdk.jshell and jdk.compiler; with --name, the"
                        + " service's credentials and the role you will get. It exits 1 when it finds a problem."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: ~/.hotline/run).")
    Path dir;

    @Option(names = "--pid", paramLabel = "PID", description = "A process to check before attaching to it.")
    Long pid;

    @Option(names = "--name", paramLabel = "NAME", description = "A service in the run directory whose credentials"
            + " to explain: its socket and token files, the role each grants, and the role you will get.")
    String name;

    @Override
    public Integer call() {
        Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
        Diagnosis diagnosis = new Diagnosis().checkClientJdk().checkRunDirectory(runDir);
        if (name != null) {
            diagnosis.checkCredentials(new RunDirectory(runDir, name));
        }
        if (pid != null) {
            diagnosis.checkTarget(pid);
        }
        PrintWriter out = Console.stdout();
        diagnosis.findings().forEach(f -> out.println(f.verdict().name().toLowerCase(Locale.ROOT) + ": " + f.text()));
        return diagnosis.hasProblem() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
