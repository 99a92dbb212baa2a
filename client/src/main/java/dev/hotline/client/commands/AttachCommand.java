package dev.hotline.client.commands;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.client.service.AgentJar;
import dev.hotline.client.service.LocalJvms;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.PortFile;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotline attach PID}: loads the agent into a running JVM with the Attach API, or reports the one
 * already there. On JDK 21+ the target prints a warning about a dynamically loaded agent at every attach;
 * starting it with {@code -XX:+EnableDynamicAgentLoading} silences it (and keeps working when a future JDK
 * refuses dynamic agents by default).
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Loads the agent into a running JVM (same user), or reports the agent already there.",
                "The JVM is then the service NAME (default jvm-PID) of the run directory: status, list, eval, "
                        + "snapshot and stop work on it by name; hotline detach leaves it running without Hotline. JDK 21+ "
                        + "targets warn about dynamically loaded agents unless started with "
                        + "-XX:+EnableDynamicAgentLoading."})
public final class AttachCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PID", arity = "0..1",
            description = "The JVM to attach to; without it, lists the JVMs it can attach to (and asks, on a terminal).")
    Long pid;

    @Option(names = "--json", description = "With no PID: the JVMs as JSON, one object per line.")
    boolean json;

    @Option(names = "--name", paramLabel = "NAME", description = "Service name for the files (default: jvm-PID).")
    String name;

    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: ~/.hotline/run).")
    Path dir;

    @Option(names = "--compile", paramLabel = "MODE", description = "Where javac runs: host (a compile host JVM"
            + " beside it, so javac's memory stays out of the service; the default) or inprocess (in the JVM itself).")
    private String compile;

    @Override
    public Integer call() throws Exception {
        if (pid == null) {
            Optional<Long> chosen = choose();
            if (chosen.isEmpty()) {
                return json ? ExitCodes.OK : ExitCodes.USAGE;
            }
            pid = chosen.get();
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot attach to JVM " + pid + ": there is no such process");
        }
        if (!LocalJvms.isAttachable(pid)) {
            // The Attach API would signal the process and wait ten seconds for an answer; a process that is not a
            // JVM may even die of the signal.
            throw new CliException(ExitCodes.UNREACHABLE, "cannot attach to JVM " + pid + ": it is not a JVM this user"
                    + " can attach to (another user's, or not Java); hotline attach with no PID lists those it can");
        }
        if (compile != null && !compile.equals("inprocess") && !compile.equals("host")) {
            throw new CliException(ExitCodes.USAGE, "--compile " + compile + ": use inprocess or host");
        }
        String service = name != null ? name : "jvm-" + pid;
        Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
        long t0 = System.nanoTime();
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot attach to JVM " + pid + ": " + e.getMessage()
                    + " (it must be a HotSpot JVM of the same user)");
        }
        try {
            Properties properties = vm.getSystemProperties();
            String existing = properties.getProperty("dev.hotline.port");
            if (existing != null) {
                Console.stdout().println("JVM " + pid + " already runs the agent: service "
                        + properties.getProperty("dev.hotline.service") + ", port " + existing + ", port file "
                        + properties.getProperty("dev.hotline.port-file"));
                return ExitCodes.OK;
            }
            RunDirectory run = new RunDirectory(runDir, service);
            Files.deleteIfExists(run.portFile());
            vm.loadAgent(AgentJar.locate().toString(), "name=" + service + ",dir=" + runDir
                    + (compile == null ? "" : ",compile=" + compile));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(run.portFile()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!Files.exists(run.portFile())) {
                Console.stderr().println("hotline: the agent was loaded into " + pid
                        + " but did not start listening; see the JVM's stderr");
                return ExitCodes.FAILED;
            }
            Console.stdout().println("attached to JVM " + pid + ": service " + service + ", port "
                    + PortFile.read(run.portFile()).port() + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms); try:"
                    + " hotline eval --dir " + runDir + " --name " + service + " '1+1'");
            return ExitCodes.OK;
        } finally {
            vm.detach();
        }
    }

    /**
     * With no PID: lists the JVMs; on a terminal, asks which one to attach to. Empty when nothing was chosen
     * (the list was the answer: --json, no terminal, or no answer).
     */
    private Optional<Long> choose() {
        List<LocalJvms.Jvm> jvms = LocalJvms.list();
        PrintWriter out = Console.stdout();
        if (json) {
            for (LocalJvms.Jvm jvm : jvms) {
                Plist.Builder row = Plist.builder().put("pid", jvm.pid()).put("runs", jvm.runs())
                        .put("java-version", jvm.javaVersion());
                jvm.hotlineService().ifPresent(s -> row.put("hotline-service", s));
                out.println(Json.of(row.build()));
            }
            return Optional.empty();
        }
        if (jvms.isEmpty()) {
            Console.stderr().println("hotline: no JVM of this user to attach to");
            return Optional.empty();
        }
        for (int i = 0; i < jvms.size(); i++) {
            LocalJvms.Jvm jvm = jvms.get(i);
            out.printf("%3d. pid %-8d Java %-10s %s%s%n", i + 1, jvm.pid(), jvm.javaVersion(), jvm.runs(),
                    jvm.hotlineService().map(s -> "  [Hotline runs: service " + s + "]").orElse(""));
        }
        java.io.Console terminal = System.console();
        if (terminal == null) {
            Console.stderr().println("hotline: give the PID of the JVM to attach to: hotline attach PID");
            return Optional.empty();
        }
        String answer = terminal.readLine("attach to which (number, empty to cancel)? ");
        try {
            int n = Integer.parseInt(answer == null ? "" : answer.strip());
            return n >= 1 && n <= jvms.size() ? Optional.of(jvms.get(n - 1).pid()) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
