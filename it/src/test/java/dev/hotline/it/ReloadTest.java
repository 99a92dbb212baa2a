package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** hotline reload against the greeter sample, on target JVMs 17 and 25. */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class ReloadTest {
    /** The target JDK of this run of the class; its lifecycle methods receive it too. */
    @Parameter
    private Jdk jdk;
    private static final int GENERATED = 200;
    private static TargetJvm greeter;
    private static Path work;
    private static int httpPort;

    @BeforeParameterizedClassInvocation
    static void start(Jdk jdk, @TempDir Path dir) throws Exception {
        work = dir;
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path v1 = JavaFiles.compile(work.resolve("gen-v1"), generated("v1"), "");
        StringBuilder services = new StringBuilder();
        for (int i = 0; i < GENERATED; i++) {
            services.append("acme.gen.C").append(i).append('\n');
        }
        JavaFiles.jar(v1, plugins.resolve("generated.jar"),
                Map.of("META-INF/services/java.util.function.UnaryOperator", services.toString()));
        Path httpPortFile = work.resolve("http.port");
        greeter = TargetJvm.start(jdk, work.resolve("run"), "greeter", "", Artifacts.samplesClassPath(),
                "dev.hotline.samples.greeter.GreeterService", "--plugins", plugins.toString(),
                "--port-file", httpPortFile.toString());
        greeter.awaitFile(httpPortFile);
        httpPort = Integer.parseInt(Files.readString(httpPortFile).strip());
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    static void stop() {
        greeter.close();
    }

    private String greet(String name) throws Exception {
        return Http.get("http://127.0.0.1:" + httpPort + "/greet?name=" + name);
    }

    private Cli.Result reload(String... paths) throws Exception {
        String[] args = new String[paths.length + 5];
        args[0] = "reload";
        args[1] = "--dir";
        args[2] = greeter.runDir().toString();
        args[3] = "--name";
        args[4] = greeter.name();
        System.arraycopy(paths, 0, args, 5, paths.length);
        return Cli.run("", args);
    }

    /** The greeter's source with its greeting suffix replaced. */
    private String greeterWith(String suffix) throws Exception {
        return Files.readString(GreeterSource.FILE).replace("\" (visit #\"", "\"" + suffix + "\"");
    }

    @Test
    void aMethodBodyChangeTakesEffectFromClassFileJarAndSource() throws Exception {
        Path classes = JavaFiles.compile(work.resolve("from-class"),
                Map.of("dev.hotline.samples.greeter.Greeter", greeterWith(" (class file, visit #")), "");
        Cli.Result r = reload(classes.resolve("dev/hotline/samples/greeter/Greeter.class").toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("redefined    dev.hotline.samples.greeter.Greeter [app]"), r::toString);
        assertTrue(greet("Ada").contains("(class file, visit #"), "the next request runs the new code");

        Path jarClasses = JavaFiles.compile(work.resolve("from-jar"),
                Map.of("dev.hotline.samples.greeter.Greeter", greeterWith(" (jar, visit #")), "");
        Path jar = JavaFiles.jar(jarClasses, work.resolve("from-jar/greeter.jar"), Map.of());
        assertEquals(0, reload(jar.toString()).exitCode());
        assertTrue(greet("Ada").contains("(jar, visit #"));

        Path source = Files.createDirectories(work.resolve("from-source")).resolve("Greeter.java");
        Files.writeString(source, greeterWith(" (source, visit #"));
        Cli.Result fromSource = reload(source.toString());
        assertEquals(0, fromSource.exitCode(), fromSource::toString);
        assertTrue(greet("Ada").contains("(source, visit #"));

        Cli.Result again = reload(source.toString());
        assertTrue(again.stdout().contains("unchanged    dev.hotline.samples.greeter.Greeter"), again::toString);
    }

    @Test
    void structuralChangesAreRejectedByNameAndNothingOfTheBatchApplies() throws Exception {
        String before = greet("Eve");
        assertEquals(0, Cli.eval(greeter, "dev.hotline.samples.greeter.Chores.spins()").exitCode(), "loads Chores");
        String chores = Files.readString(GreeterSource.FILE.resolveSibling("Chores.java"));
        Path classes = JavaFiles.compile(work.resolve("rejected"), Map.of(
                "dev.hotline.samples.greeter.Greeter", greeterWith(" (should never show, visit #")
                        .replace("private Greeter() {", "public static int added;\n    private Greeter() {"),
                "dev.hotline.samples.greeter.Chores", chores.replace("private Chores() {",
                        "public static void sweep(int times) { }\n    private Chores() {")), "");
        Cli.Result r = reload(classes.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("dev.hotline.samples.greeter.Greeter [app]: added field int added"), r::toString);
        assertTrue(r.stderr().contains("dev.hotline.samples.greeter.Chores [app]: added method void sweep(int)"), r::toString);
        assertTrue(r.stderr().contains("0 redefined, 0 unchanged, 0 pending, 2 rejected, in "), r::toString);
        assertTrue(greet("Eve").startsWith(before.substring(0, before.indexOf("#"))), "the old code keeps serving");
        assertTrue(!greet("Eve").contains("should never show"));
    }

    @Test
    void twoHundredClassesOfAPluginLoaderInOneCall() throws Exception {
        Path v2 = JavaFiles.compile(work.resolve("gen-v2"), generated("v2"), "");
        Cli.Result r = reload(v2.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(GENERATED + " redefined, 0 unchanged, 1 pending, 0 rejected, in "), r::toString);
        assertTrue(r.stdout().contains("redefined    acme.gen.C199 [greeter-plugins]"), r::toString);
        Cli.Result version = Cli.eval(greeter, "((java.util.function.UnaryOperator<String>) "
                + "dev.hotline.samples.greeter.Plugins.DECORATORS.get(199)).apply(\"x\")");
        assertEquals("\"x\"\n", version.stdout(), version::toString);
        Cli.Result later = Cli.eval(greeter, "Class.forName(\"acme.gen.Later\", true, dev.hotline.samples.greeter.Plugins.loader)"
                + ".getMethod(\"version\").invoke(null)");
        assertEquals("\"v2\"\n", later.stdout(), "a class loaded after the reload is born with the new bytes: " + later);
    }

    @Test
    void aSourceThatDoesNotCompileRedefinesNothing() throws Exception {
        Path source = Files.createDirectories(work.resolve("broken")).resolve("Greeter.java");
        Files.writeString(source, greeterWith(" (broken, visit #").replace("long hit = HITS.incrementAndGet();",
                "long hit = HITS.incrementAndGet()"));
        Cli.Result r = reload(source.toString());
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().matches("(?s).*error: " + Pattern.quote(source.toString()) + ":\\d+:\\d+: ';' expected.*"),
                r::toString);
        assertTrue(!greet("Zed").contains("broken"));
    }

    /** 200 decorators that return their input, plus a class nobody loads at start; version v1 or v2. */
    private static Map<String, String> generated(String version) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < GENERATED; i++) {
            sources.put("acme.gen.C" + i, "package acme.gen;\npublic class C" + i
                    + " implements java.util.function.UnaryOperator<String> {\n"
                    + "    public String apply(String s) { return s" + (version.equals("v2") ? ".toString()" : "") + "; }\n}\n");
        }
        sources.put("acme.gen.Later", "package acme.gen;\npublic class Later {\n"
                + "    public static String version() { return \"" + version + "\"; }\n}\n");
        return sources;
    }
}
