package dev.hotline.client.commands;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline reload}: redefines classes in the running service, from class files, jars or sources. */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Redefines classes in the service from .class files, directories of them, jars, or .java sources "
                        + "(compiled in the service against its own classes).",
                "All changed classes go to the JVM in one redefinition: all or nothing. Classes not loaded yet "
                        + "get the new bytes when they load. A refusal says what changed that the JVM cannot redefine (an "
                        + "added method or field...)."})
public final class ReloadCommand implements Callable<Integer> {
    /** What the files sent to a service on another host may come to, encoded: within the default max-frame. */
    private static final long SENT_AT_MOST = 900_000;

    @Mixin
    TargetOptions target;

    @Option(names = "--loader", paramLabel = "LOADER", description = "Only classes of this loader (app, platform, or a loader's name).")
    String loader;

    @Option(names = "--json", description = "Print the reply as one JSON object.")
    boolean json;

    @Option(names = "--watch", paramLabel = "DIR",
            description = "Watch this directory of class files (a build's output) and reload what changes, from now on.")
    Path watch;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Class files, directories, jars or .java files.")
    List<Path> paths = List.of();

    @Option(names = "--canary", paramLabel = "N", defaultValue = "0", description = {"With --all or --targets: reload"
            + " the first N services, check them with --verify, and only then the rest; when a check fails, the"
            + " canaries get their previous classes back and the rest are not touched."})
    int canary;

    @Option(names = "--verify", paramLabel = "EXPR",
            description = "With --all or --targets: a Java boolean expression each service must find true after its reload.")
    String verify;

    @Override
    public Integer call() throws Exception {
        if (watch != null) {
            return startWatching();
        }
        if (paths.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "give the class files, directories, jars or sources to reload, or --watch DIR");
        }
        if (target.isFanOut()) {
            return reloadMany();
        }
        if (canary > 0 || verify != null) {
            throw new CliException(ExitCodes.USAGE, "--canary and --verify go with --all or --targets");
        }
        Target resolved = target.locate().target();
        Plist.Builder request = requestFor(resolved);
        try (NativeConnection connection = NativeConnection.open(resolved)) {
            connection.send("reload", request);
            Plist reply = connection.read(Duration.ofMinutes(5));
            PrintWriter out = Console.stdout();
            PrintWriter err = Console.stderr();
            boolean failed = reply.keywords(Wire.STATUS).contains(Wire.ERROR);
            if (json) {
                out.println(Json.of(reply));
            } else if (reply.has("report")) {
                (failed ? err : out).print(reply.string("report").orElse(""));
            } else {
                err.println("hotline: " + reply.string(Wire.MESSAGE).orElse("reload failed"));
            }
            out.flush();
            err.flush();
            return failed ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** The reload request for one service: the paths, or for one on another host the files themselves. */
    private Plist.Builder requestFor(Target resolved) throws CliException {
        Plist.Builder request = resolved.via().isPresent() ? Plist.builder().put("files", filesSent())
                : Plist.builder().put("paths", Sexp.list(paths.stream()
                        .map(p -> Sexp.str(p.toAbsolutePath().normalize().toString())).toList()));
        if (loader != null) {
            request.put("loader", loader);
        }
        return request;
    }

    /**
     * The reload on many services ({@link FanOut}); with {@code --canary N}, on the first N, checked by
     * {@code --verify} on each, before the rest, and undone on them ({@code revert}) when a check fails.
     */
    private int reloadMany() throws Exception {
        if (canary < 0 || (canary > 0 && verify == null)) {
            throw new CliException(ExitCodes.USAGE, "--canary N needs N >= 1 and a --verify expression to check them by");
        }
        List<FanOut.Member> members = target.members();
        Map<String, List<String>> redefined = new ConcurrentHashMap<>();
        if (canary == 0) {
            return FanOut.run(members, target.parallel(), json, false, c -> reloadAndVerify(c, redefined));
        }
        List<FanOut.Member> canaries = members.subList(0, Math.min(canary, members.size()));
        List<FanOut.Member> rest = members.subList(canaries.size(), members.size());
        PrintWriter out = Console.stdout();
        out.println("canaries: " + String.join(", ", canaries.stream().map(FanOut.Member::label).toList()));
        out.flush();
        int exit = FanOut.run(canaries, target.parallel(), json, false, c -> reloadAndVerify(c, redefined));
        if (exit != ExitCodes.OK) {
            out.println("\nthe canaries' check failed: they get their previous classes back, and the other "
                    + rest.size() + " services are not touched");
            out.flush();
            FanOut.run(canaries, target.parallel(), json, false, c -> revert(c, redefined));
            return ExitCodes.FAILED;
        }
        out.println("\nthe canaries pass their check: reloading the other " + rest.size());
        out.flush();
        return rest.isEmpty() ? exit
                : FanOut.run(rest, target.parallel(), json, false, c -> reloadAndVerify(c, redefined));
    }

    /** One service's reload and, with --verify, its check; the classes it redefined are noted for a revert. */
    private FanOut.Result reloadAndVerify(FanOut.Connected service, Map<String, List<String>> redefined)
            throws IOException, CliException {
        Answer reload = service.connection().call("reload", requestFor(service.target()), Duration.ofMinutes(5));
        Plist reply = reload.last();
        List<String> classes = new ArrayList<>();
        if (reply.get("classes").orElse(Sexp.NIL) instanceof Sexp.Lst list) {
            for (Sexp item : list.items()) {
                Plist c = Plist.from(item);
                if (c.string("outcome").orElse("").equals("redefined")) {
                    classes.add(c.string("class").orElse("?"));
                }
            }
        }
        redefined.put(service.label(), classes);
        String report = reply.string("report").orElse("");
        if (reload.failed()) {
            return FanOut.Result.failed(ExitCodes.FAILED, reload.message().orElse("reload failed"), report);
        }
        if (verify == null) {
            return FanOut.Result.ok(classes.size() + " redefined", report);
        }
        Answer check = service.connection().eval(null, verify);
        String value = check.value().orElse("");
        return check.failed() || !value.equals("true")
                ? FanOut.Result.failed(ExitCodes.FAILED, "--verify " + verify + " gave "
                        + check.message().orElse(value), report)
                : FanOut.Result.ok(classes.size() + " redefined, verified", report);
    }

    private static FanOut.Result revert(FanOut.Connected service, Map<String, List<String>> redefined)
            throws IOException, CliException {
        List<String> classes = redefined.getOrDefault(service.label(), List.of());
        if (classes.isEmpty()) {
            return FanOut.Result.ok("nothing to revert", "");
        }
        Answer revert = service.connection().call("revert", Plist.builder().put("classes",
                Sexp.list(classes.stream().map(Sexp::str).toList())), Duration.ofMinutes(5));
        return revert.failed() ? FanOut.Result.failed(ExitCodes.FAILED, revert.message().orElse("revert failed"), "")
                : FanOut.Result.ok("reverted " + String.join(", ", classes), revert.last().string("report").orElse(""));
    }

    /**
     * The files to reload as the request carries them to a service on another host, which cannot read them here:
     * {@code ((:name "Greeter.java" :base64 "...") ...)}, a directory's class files one by one.
     */
    private Sexp filesSent() throws CliException {
        List<Sexp> files = new ArrayList<>();
        long bytes = 0;
        for (Path path : paths) {
            List<Path> found;
            try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                found = walk.filter(f -> Files.isRegularFile(f) && (!Files.isDirectory(path)
                        || f.toString().endsWith(".class"))).toList();
                for (Path file : found) {
                    byte[] content = Files.readAllBytes(file);
                    bytes += content.length;
                    files.add(Plist.builder().put("name", file.getFileName().toString())
                            .put("base64", Base64.getEncoder().encodeToString(content)).build().toSexp());
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read " + path + ": " + e.getMessage());
            }
        }
        if (bytes * 4 / 3 > SENT_AT_MOST) {
            throw new CliException(ExitCodes.USAGE, "the files come to " + bytes + " bytes, more than a request to a service"
                    + " on another host carries (" + SENT_AT_MOST * 3 / 4 + "): reload fewer at once, or on that host");
        }
        return Sexp.list(files);
    }

    private int startWatching() throws Exception {
        try (NativeConnection connection = NativeConnection.open(target.locate().target())) {
            connection.send("watch", Plist.builder().put("path", watch.toAbsolutePath().normalize().toString()));
            Plist reply = connection.read(Duration.ofSeconds(30));
            if (reply.keywords(Wire.STATUS).contains(Wire.ERROR)) {
                Console.stderr().println("hotline: " + reply.string(Wire.MESSAGE).orElse("cannot watch"));
                return ExitCodes.FAILED;
            }
            Console.stdout().println("the service now watches " + reply.string("watching").orElse("?")
                    + ": builds there are reloaded; connected REPLs and the service's log report each reload");
            return ExitCodes.OK;
        }
    }
}
