package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProtocolException;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.reload.ReloadReport;
import dev.hotline.server.reload.Reloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Hot-reloads classes from {@code .class} files, directories, jars and {@code .java} sources (compiled in the
 * service), all changed classes in one redefinition that applies entirely or not at all.
 */
final class ReloadOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("reload", "Redefines classes from class files, directories, jars or Java sources.",
                List.of(OpDescriptor.Arg.optional("paths", "list of absolute paths, as the service sees them"),
                        OpDescriptor.Arg.optional("files", "instead of :paths, the files themselves, from another host:"
                                + " ((:name \"Greeter.java\" :base64 \"...\") ...)"),
                        OpDescriptor.Arg.optional("loader", "only classes of this loader (app, platform, or a loader's name)")),
                ":classes ((:class :outcome redefined|unchanged|pending|rejected|not-applied :loaders :detail) ...),"
                        + " :report (text), :micros (time spent in the service), :redefine-micros (of it, the JVM's redefineClasses call); :status (:done), or (:error :rejected :done), or (:error :compile-error :done)"
                        + " with :errors");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        if (request.message().has("files")) {
            reloadSent(request);
            return;
        }
        List<Path> paths = new ArrayList<>();
        Sexp given = request.message().get("paths").orElseThrow(() -> new BadRequestException(
                "op reload needs :paths (or :files)"));
        if (!(given instanceof Sexp.Lst list) || list.isEmpty()) {
            throw new BadRequestException(":paths must be a list of path strings");
        }
        for (Sexp item : list.items()) {
            if (!(item instanceof Sexp.Str s) || !Path.of(s.value()).isAbsolute()) {
                throw new BadRequestException(":paths must hold absolute paths, got " + item.print());
            }
            paths.add(Path.of(((Sexp.Str) item).value()));
        }
        reload(request, paths, String.join(" ", paths.stream().map(Path::toString).toList()), () -> { });
    }

    /**
     * {@code :files}: what a client on another host sent (through a bridge), written to a private directory of
     * its own for the reload, which reads them from there as it would read paths, then removed.
     */
    private static void reloadSent(Request request) throws BadRequestException {
        if (!(request.message().get("files").orElseThrow() instanceof Sexp.Lst files) || files.isEmpty()) {
            throw new BadRequestException(":files must be a list of (:name NAME :base64 CONTENT)");
        }
        Path dir = null;
        List<Path> paths = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            dir = Files.createTempDirectory("hotline-reload");
            for (Sexp item : files.items()) {
                Plist file = Plist.from(item);
                String name = file.string("name").filter(n -> n.matches("[\\w.$-]+\\.(class|jar|java)"))
                        .orElseThrow(() -> new BadRequestException("each of :files needs a :name, a file name ending"
                                + " in .class, .jar or .java; got " + item.print()));
                byte[] content = Base64.getDecoder().decode(file.string("base64").orElseThrow(() ->
                        new BadRequestException("each of :files needs :base64, its content")));
                Path written = Files.createDirectory(dir.resolve(String.valueOf(paths.size()))).resolve(name);
                paths.add(Files.write(written, content));
                names.add(name);
            }
        } catch (ProtocolException | IllegalArgumentException e) {
            deleteQuietly(dir);
            throw new BadRequestException(":files: " + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(dir);
            request.fail(Wire.SERVER_ERROR, "cannot keep the files sent: " + e.getMessage(), Plist.builder());
            return;
        } catch (BadRequestException e) {
            deleteQuietly(dir);
            throw e;
        }
        Path written = dir;
        reload(request, paths, "sent: " + String.join(" ", names), () -> deleteQuietly(written));
    }

    private static void reload(Request request, List<Path> paths, String pathsGiven, Runnable after) {
        String loader = request.string("loader").orElse(null);
        request.service().reloader().submit(paths, loader).whenComplete((report, error) -> {
            after.run();
            if (error != null) {
                request.audit("reload", "", pathsGiven, "cannot reload: " + Reloader.failureMessage(error), List.of());
                request.fail(Wire.BAD_REQUEST, "cannot reload: " + Reloader.failureMessage(error), Plist.builder());
            } else {
                request.audit("reload", "", pathsGiven, report.outcome(), report.redefinedClasses());
                answer(request, report);
            }
        });
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** The reply to a reload (or a revert): each class's outcome, the report, and how it failed, if it did. */
    static void answer(Request request, ReloadReport report) {
        Plist.Builder reply = Plist.builder()
                .put("classes", Sexp.list(report.classes().stream().map(c -> (Sexp) Plist.builder()
                        .put("class", c.className())
                        .put("outcome", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("loaders", Sexp.list(c.loaders().stream().map(Sexp::str).toList()))
                        .put("detail", c.detail()).build().toSexp()).toList()))
                .put("errors", Sexp.list(report.compileErrors().stream().map(Sexp::str).toList()))
                .put("report", report.toText())
                .put("micros", Math.round(report.millis() * 1000))
                .put("redefine-micros", Math.round(report.redefineMillis() * 1000));
        if (!report.compileErrors().isEmpty()) {
            request.fail(Wire.COMPILE_ERROR, "the sources do not compile: " + report.compileErrors().get(0), reply);
        } else if (report.failed()) {
            request.fail("rejected", "the JVM refused the redefinition; nothing was applied", reply);
        } else {
            request.done(reply);
        }
    }
}
