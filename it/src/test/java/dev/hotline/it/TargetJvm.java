package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real target JVM, started the way a user starts one: {@code java -javaagent:hotline-agent.jar=... -cp ...
 * MainClass}. Its stdout and stderr go to files in its run directory. {@link #close()} kills it; a
 * shutdown hook does too, should the test JVM die first.
 */
public final class TargetJvm implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path runDir;
    private final String name;

    private TargetJvm(Process process, Path runDir, String name) {
        this.process = process;
        this.runDir = runDir;
        this.name = name;
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    /**
     * Starts {@code mainClass} with the agent and waits until the agent has written its port file.
     *
     * @param agentOptions extra agent options, appended after {@code name} and {@code dir}
     */
    public static TargetJvm start(Jdk jdk, Path runDir, String name, String agentOptions, String classPath,
            String mainClass, String... args) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Files.deleteIfExists(runDir.resolve(name + ".port")); // a killed JVM's port file would pass for the new one's
        List<String> command = new ArrayList<>(List.of(jdk.java(),
                "-javaagent:" + Artifacts.agentJar() + "=name=" + name + ",dir=" + runDir
                        + (CompileMode.agentOptions(agentOptions).isEmpty() ? "" : "," + CompileMode.agentOptions(agentOptions)),
                "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(runDir.resolve(name + ".stdout").toFile())
                .redirectError(runDir.resolve(name + ".stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        TargetJvm jvm = new TargetJvm(process, runDir, name);
        jvm.awaitFile(jvm.portFile());
        return jvm;
    }

    /**
     * The greeter sample with the agent: its run files in {@code work/runJDK} (JDK being 17 or 25) and its HTTP
     * port written to {@link #greeterHttpPortFile}.
     */
    public static TargetJvm greeter(Jdk jdk, Path work, String agentOptions) throws IOException, InterruptedException {
        return start(jdk, work.resolve("run" + jdk.label()), "greeter", agentOptions, Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--port-file", greeterHttpPortFile(jdk, work).toString());
    }

    /** The HTTP port of a {@link #greeter} started in {@code work}, once it is listening. */
    public int greeterHttpPort(Jdk jdk, Path work) throws IOException, InterruptedException {
        awaitFile(greeterHttpPortFile(jdk, work));
        return Integer.parseInt(Files.readString(greeterHttpPortFile(jdk, work)).strip());
    }

    /** Where {@link #greeter} has the greeter write its HTTP port. */
    public static Path greeterHttpPortFile(Jdk jdk, Path work) {
        return work.resolve("http" + jdk.label() + ".port");
    }

    public Path runDir() {
        return runDir;
    }

    public String name() {
        return name;
    }

    public Path portFile() {
        return runDir.resolve(name + ".port");
    }

    public Path tokenFile() {
        return runDir.resolve(name + ".token");
    }

    public int port() throws IOException {
        return dev.hotline.protocol.PortFile.read(portFile()).port();
    }

    public String token() throws IOException {
        return Files.readString(tokenFile()).strip();
    }

    public String stdout() throws IOException {
        return Files.readString(runDir.resolve(name + ".stdout"));
    }

    public String stderr() throws IOException {
        return Files.readString(runDir.resolve(name + ".stderr"));
    }

    /** The target's process, to wait for its exit and read its status. */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a file the service writes, failing with the service's output if it dies or takes too long. */
    public void awaitFile(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                fail("target JVM exited with " + process.exitValue() + " before writing " + file + "\nstdout:\n"
                        + stdout() + "\nstderr:\n" + stderr());
            }
            if (System.nanoTime() > deadline) {
                fail("target JVM did not write " + file + " within " + START_TIMEOUT + "\nstderr:\n" + stderr());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the service to print {@code text} on its standard error, failing with what it printed if it does not. */
    public void awaitStderr(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                fail("target JVM did not print '" + text + "' within " + START_TIMEOUT + "\nstderr:\n" + stderr());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
