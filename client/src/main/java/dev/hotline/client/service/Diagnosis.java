package dev.hotline.client.service;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code hotline doctor} finds: each check's verdict, what it saw, and what to do about a problem. The
 * checks read files and the JDK's list of JVMs; none signals or attaches to a process.
 */
public final class Diagnosis {
    /** How a check came out. */
    public enum Verdict { OK, WARNING, PROBLEM }

    /** One check: its verdict and a sentence for a person, saying what to do when it is not ok. */
    public record Finding(Verdict verdict, String text) { }

    private final List<Finding> findings = new ArrayList<>();

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Whether any check found a problem (warnings do not count). */
    public boolean hasProblem() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.PROBLEM);
    }

    /** The JDK running hotline, which attach and reload use from the client side. */
    public Diagnosis checkClientJdk() {
        Path home = Path.of(System.getProperty("java.home"));
        return checkJdk("this JDK", home, Runtime.version().feature());
    }

    /** The run directory: there or creatable, and private to its user. */
    public Diagnosis checkRunDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                add(Verdict.OK, "run directory " + dir + " does not exist yet; it is created with mode 0700 when needed");
                return this;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            boolean others = mode.stream().anyMatch(p -> p.name().startsWith("OTHERS"));
            boolean group = mode.stream().anyMatch(p -> p.name().startsWith("GROUP"));
            add(others ? Verdict.WARNING : Verdict.OK, "run directory " + dir + " has mode "
                    + PosixFilePermissions.toString(mode)
                    + (others ? ": other users can see which services run and where: chmod 700 " + dir
                            : group ? ": its group may enter it (a service started with socket-group=GROUP opens it"
                                    + " to that group, to observe)" : ""));
        } catch (IOException e) {
            add(Verdict.PROBLEM, "cannot read the run directory " + dir + ": " + e.getMessage());
        }
        return this;
    }

    /** The credentials of the service {@code run}: who may connect, with which role, and this user's. */
    public Diagnosis checkCredentials(RunDirectory run) {
        findings.addAll(CredentialCheck.of(run));
        return this;
    }

    /** A process to attach to: a JVM of this user, attachable, in this mount namespace, with what Hotline needs. */
    public Diagnosis checkTarget(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            add(Verdict.PROBLEM, "there is no process " + pid);
            return this;
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = process.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me)) {
            add(Verdict.PROBLEM, "process " + pid + " belongs to " + owner.get() + ", not " + me
                    + ": run hotline as that user (sudo -u " + owner.get() + " hotline ...)");
            return this;
        }
        String commandLine = commandLine(pid);
        if (!sameMountNamespace(pid)) {
            add(Verdict.WARNING, "process " + pid + " runs in another mount namespace (a container): its attach socket"
                    + " is not visible from here; run hotline inside it (kubectl exec, docker exec)");
        }
        if (commandLine.contains("-XX:+DisableAttachMechanism")) {
            add(Verdict.PROBLEM, "JVM " + pid + " was started with -XX:+DisableAttachMechanism, which refuses attach:"
                    + " restart it without that flag, or start it with the agent (-javaagent:.../hotline-agent.jar)");
            return this;
        }
        if (!LocalJvms.isAttachable(pid)) {
            add(Verdict.PROBLEM, "process " + pid + " is not a JVM this user can attach to (the JDK does not list it)");
            return this;
        }
        Optional<Path> home = javaHomeOf(pid);
        int feature = home.map(Diagnosis::featureVersion).orElse(0);
        add(Verdict.OK, "JVM " + pid + " can be attached to" + home.map(h -> " (Java " + feature + " at " + h + ")").orElse(""));
        home.ifPresent(h -> checkJdk("JVM " + pid + "'s JDK", h, feature));
        if (feature >= 21 && !commandLine.contains("-XX:+EnableDynamicAgentLoading")) {
            add(Verdict.WARNING, "JVM " + pid + " runs Java " + feature + " without -XX:+EnableDynamicAgentLoading: attach"
                    + " works but the JVM prints a warning (JEP 451), and a later JDK will refuse it; add the flag to"
                    + " its command line, or start it with the agent");
        }
        return this;
    }

    private Diagnosis checkJdk(String what, Path home, int feature) {
        if (feature > 0 && feature < 17) {
            add(Verdict.PROBLEM, what + " is Java " + feature + " at " + home + ": Hotline needs Java 17 or later");
            return this;
        }
        String modules = release(home);
        List<String> missing = new ArrayList<>();
        for (String module : List.of("jdk.jshell", "jdk.compiler", "jdk.attach")) {
            if (!modules.isEmpty() && !modules.contains(module)) {
                missing.add(module);
            }
        }
        add(missing.isEmpty() ? Verdict.OK : Verdict.PROBLEM, what + " at " + home + (missing.isEmpty()
                ? " has jdk.jshell, jdk.compiler and jdk.attach"
                : " lacks " + String.join(", ", missing) + ": evaluation needs a full JDK, not a jlinked runtime without them"));
        return this;
    }

    private void add(Verdict verdict, String text) {
        findings.add(new Finding(verdict, text));
    }

    /** The MODULES line of a JDK's {@code release} file, or "" when it cannot be read (then nothing is judged). */
    private static String release(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("MODULES="))
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static int featureVersion(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("[^0-9.]", "").split("\\.")[0]).filter(v -> !v.isEmpty())
                    .map(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The JDK of a process: the directory above its executable's {@code bin}. */
    private static Optional<Path> javaHomeOf(long pid) {
        try {
            Path exe = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
            return Optional.ofNullable(exe.getParent()).map(Path::getParent);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean sameMountNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"))
                    .equals(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "mnt")));
        } catch (IOException | UnsupportedOperationException e) {
            return true; // cannot tell: say nothing
        }
    }
}
