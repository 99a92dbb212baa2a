package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The release archive as a user gets it: unpacked, made read-only, run from another directory with a fresh
 * home and no Maven on the PATH, on the JDK it targets.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class DistTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    private Path install;
    private Path home;
    private Path elsewhere;

    @BeforeEach
    void unpackReadOnly() throws Exception {
        Path tarball = Path.of(System.getProperty("hotline.dist.tarball"));
        assertTrue(Files.size(tarball) <= 12 << 20, "the tarball is " + Files.size(tarball) + " bytes");
        run(work, List.of("tar", "xzf", tarball.toString()), Map.of());
        try (Stream<Path> top = Files.list(work)) {
            install = top.filter(p -> p.getFileName().toString().startsWith("hotline-")).findFirst().orElseThrow();
        }
        run(work, List.of("chmod", "-R", "a-w", install.toString()), Map.of());
        home = Files.createDirectories(work.resolve("home"));
        elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    }

    @AfterEach
    void writableAgainForCleanUp() throws Exception {
        run(work, List.of("chmod", "-R", "u+w", install.toString()), Map.of());
    }

    /** {@code bin/hotline ARGS} from an unrelated directory, HOME fresh, PATH without Maven, JAVA_HOME the target's. */
    private Cli.Result hotline(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(install.resolve("bin/hotline").toString()));
        command.addAll(List.of(args));
        return run(elsewhere, command, Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin",
                "JAVA_HOME", jdk.home().toString()));
    }

    private static Cli.Result run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        if (!env.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Path out = Files.createTempFile("dist", ".out");
        Path err = Files.createTempFile("dist", ".err");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 90 s");
            }
            return new Cli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void runsReadOnlyFromAnywhereAndKeepsItsArchiveInTheUsersCache() throws Exception {
        List<String> before = listing(install);
        Cli.Result version = hotline("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.stdout().startsWith("hotline 0.1.0") && version.stdout().contains("\nJava " + jdk.label()),
                version::toString);
        assertEquals(0, hotline("--version").exitCode(), "again, with the start-up archive");
        String kind = jdk.label().equals("17") ? ".jsa" : ".aot"; // JDK 25 has AOT caches (JEP 483/514)
        try (Stream<Path> cache = Files.list(home.resolve(".cache/hotline"))) {
            assertEquals(List.of(kind), cache.map(p -> p.toString().replaceAll(".*(\\.[a-z]+)$", "$1")).toList(),
                    "the archive, made by the training run, is in the user's cache");
        }
        Cli.Result doctor = hotline("doctor");
        assertEquals(0, doctor.exitCode(), doctor::toString);
        assertEquals(before, listing(install), "nothing was written into the install");
    }

    @Test
    void attachesToAPlainJvmAndRunsTheSampleThroughItsConfig() throws Exception {
        String runDir = work.resolve("run").toString();
        Process plain = new ProcessBuilder(jdk.java(), "-XX:+EnableDynamicAgentLoading", "-cp",
                install.resolve("samples/hotline-samples.jar").toString(), "dev.hotline.samples.greeter.GreeterService")
                .redirectErrorStream(true).redirectOutput(work.resolve("plain.log").toFile()).start();
        try {
            Thread.sleep(1000);
            Cli.Result attach = hotline("attach", String.valueOf(plain.pid()), "--dir", runDir, "--name", "plain");
            assertEquals(0, attach.exitCode(), attach::toString);
            assertEquals("42\n", hotline("eval", "--dir", runDir, "--name", "plain", "6*7").stdout());
        } finally {
            plain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String conf = install.resolve("samples/conf/greeter.properties").toString();
        Cli.Result start = hotline("start", conf, "--dir", runDir);
        assertEquals(0, start.exitCode(), start::toString);
        try {
            Cli.Result status = hotline("status", conf, "--dir", runDir);
            assertTrue(status.stdout().contains("greeter is running") && status.stdout().contains("Java " + jdk.label()),
                    status::toString);
            assertEquals(0, hotline("eval", "--conf", conf, "--dir", runDir, "int kept = 1;").exitCode());
            Cli.Result snapshot = hotline("snapshot", conf, "--dir", runDir);
            assertTrue(snapshot.stdout().contains("1 declarations"), snapshot::toString);
        } finally {
            assertEquals(0, hotline("stop", conf, "--dir", runDir).exitCode());
        }
    }

    @Test
    void itsSystemdUnitPointsIntoTheInstallAndItsCompletionManPagesAndEmacsPackageWork() throws Exception {
        String conf = install.resolve("samples/conf/greeter.properties").toString();
        Cli.Result unit = hotline("systemd-unit", conf);
        assertEquals(0, unit.exitCode(), unit::toString);
        assertTrue(unit.stdout().contains("-javaagent:" + install.resolve("lib/hotline-agent.jar")), unit::toString);
        assertTrue(unit.stdout().contains(install.resolve("samples/hotline-samples.jar").toString()), unit::toString);
        assertFalse(unit.stdout().contains("/target/"), "no path into a build tree: " + unit);

        Path completion = install.resolve("share/bash-completion/completions/hotline");
        Cli.Result words = run(elsewhere, List.of("bash", "-c", "source " + completion + "; COMP_WORDS=(hotline sta);"
                + " COMP_CWORD=1; COMP_LINE='hotline sta'; COMP_POINT=11; _complete_hotline; echo \"${COMPREPLY[*]}\""),
                Map.of("PATH", "/usr/bin:/bin"));
        assertEquals("start status\n", words.stdout(), words::toString);

        Cli.Result man = run(elsewhere, List.of("man", "-l", install.resolve("share/man/man1/hotline-eval.1").toString()),
                Map.of("PATH", "/usr/bin:/bin", "MANWIDTH", "80"));
        assertEquals(0, man.exitCode(), man::toString);
        assertTrue(man.stdout().contains("hotline-eval - Evaluates Java code in the service"), man::toString);
        assertTrue(man.stdout().contains("EXIT STATUS"), man::toString);

        Cli.Result zsh = run(elsewhere, List.of("zsh", "-c", "source " + completion + "; print -r -- $_comps[hotline];"
                + " words() { emulate -L sh; COMP_WORDS=(hotline eval --na); COMP_CWORD=2; COMP_LINE='hotline eval --na';"
                + " COMP_POINT=17; _complete_hotline; echo \"${COMPREPLY[*]}\"; }; words"), Map.of("PATH", "/usr/bin:/bin"));
        assertTrue(zsh.stdout().startsWith("_bash_complete -F _complete_hotline"), "zsh completes hotline: " + zsh);
        assertTrue(zsh.stdout().contains(" --name ") && zsh.stdout().contains(" --timeout"),
                "zsh is offered eval's options (zsh itself then keeps those matching the prefix): " + zsh);

        Cli.Result emacs = run(elsewhere, List.of("emacs", "--batch", "-L", install.resolve("share/emacs/site-lisp").toString(),
                "--eval", "(progn (require 'hotline) (princ (symbol-file 'hotline-mode)))"), Map.of("PATH", "/usr/bin:/bin"));
        assertTrue(emacs.stdout().startsWith(install.resolve("share/emacs/site-lisp/hotline.el").toString()),
                "Emacs loads hotline.el from the install: " + emacs);

        Cli.Result vsix = run(elsewhere, List.of("unzip", "-p", install.resolve("share/hotline/hotline-debug.vsix")
                .toString(), "extension/package.json", "extension/out/extension.js"), Map.of("PATH", "/usr/bin:/bin"));
        assertTrue(vsix.stdout().contains("\"type\": \"hotline\"") && vsix.stdout().contains("hotline.reloadClass"),
                "the VS Code extension contributes the hotline debug type and its reload command: " + vsix);
        assertTrue(vsix.stdout().contains("registerDebugAdapterDescriptorFactory"), "the compiled extension is in it");
    }

    /**
     * The samples for systemd, Supervisor and Docker name the release's files as they lie under /opt/hotline,
     * and the launcher keeps an agent given to every JVM through JAVA_TOOL_OPTIONS out of its own.
     */
    @Test
    void theSamplesNameFilesOfThisLayout() throws Exception {
        assertTrue(Files.readString(install.resolve("LICENSE")).contains("Apache License"));
        for (String sample : List.of("samples/systemd/greeter.service", "samples/supervisor/greeter.conf")) {
            List<String> paths = optHotlinePaths(Files.readString(install.resolve(sample)));
            assertTrue(paths.contains("/opt/hotline/samples/conf/greeter.properties")
                    || paths.contains("/opt/hotline/lib/hotline-agent.jar"), sample + " names " + paths);
            for (String path : paths) {
                assertTrue(Files.exists(install.resolve(path.substring("/opt/hotline/".length()))), sample + ": " + path);
            }
        }

        List<String> dockerfile = Files.readAllLines(install.resolve("samples/docker/Dockerfile"));
        List<String> copied = new ArrayList<>();
        for (String line : dockerfile) {
            if (line.startsWith("COPY ")) {
                List<String> words = List.of(line.substring(5).trim().split(" +"));
                for (String source : words.subList(0, words.size() - 1)) {
                    assertTrue(Files.isRegularFile(install.resolve(source)), "the Dockerfile copies " + source);
                }
                String target = words.get(words.size() - 1);
                words.subList(0, words.size() - 1).forEach(source -> copied.add(target.endsWith("/")
                        ? target + Path.of(source).getFileName() : target));
            }
        }
        String toolOptions = dockerfile.stream().filter(l -> l.startsWith("ENV JAVA_TOOL_OPTIONS=")).findFirst()
                .orElseThrow().replaceAll(".*-javaagent:([^=]*)=.*", "$1");
        assertTrue(copied.contains(toolOptions), "JAVA_TOOL_OPTIONS loads a copied agent: " + toolOptions + " " + copied);
        assertTrue(copied.contains("/opt/hotline/bin/hotline") && copied.contains("/opt/hotline/lib/hotline-client.jar"),
                "the CLI is in the image: " + copied);

        Path runDir = work.resolve("tool-options-run");
        Cli.Result version = run(elsewhere, List.of(install.resolve("bin/hotline").toString(), "--version"),
                Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin", "JAVA_HOME", jdk.home().toString(),
                        "JAVA_TOOL_OPTIONS", "-javaagent:" + install.resolve("lib/hotline-agent.jar") + "=name=svc,dir="
                                + runDir));
        assertEquals(0, version.exitCode(), version::toString);
        assertEquals("", version.stderr(), "no agent, no 'Picked up JAVA_TOOL_OPTIONS'");
        assertFalse(Files.exists(runDir), "the CLI's JVM opened no Hotline server of its own");
    }

    private static List<String> optHotlinePaths(String text) {
        return Pattern.compile("/opt/hotline/[^\\s\",=;]+").matcher(text).results().map(MatchResult::group).toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
