package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.reload.ReloadReport;
import dev.hotline.server.reload.Reloader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hot-reloads classes from {@code .class} files, directories, jars and {@code .java} sources (compiled in the
 * service), all changed classes in one redefinition that applies entirely or not at all.
 */
final class ReloadOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("reload", "Redefines classes from class files, directories, jars or Java sources.",
                List.of(OpDescriptor.Arg.required("paths", "list of absolute paths, as the service sees them"),
                        OpDescriptor.Arg.optional("loader", "only classes of this loader (app, platform, or a loader's name)")),
                ":classes ((:class :outcome redefined|unchanged|pending|rejected|not-applied :loaders :detail) ...),"
                        + " :report (text), :micros (time spent in the service); :status (:done), or (:error :rejected :done), or (:error :compile-error :done)"
                        + " with :errors");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        List<Path> paths = new ArrayList<>();
        Sexp given = request.message().get("paths").orElseThrow(() -> new BadRequestException("op reload needs :paths"));
        if (!(given instanceof Sexp.Lst list) || list.isEmpty()) {
            throw new BadRequestException(":paths must be a list of path strings");
        }
        for (Sexp item : list.items()) {
            if (!(item instanceof Sexp.Str s) || !Path.of(s.value()).isAbsolute()) {
                throw new BadRequestException(":paths must hold absolute paths, got " + item.print());
            }
            paths.add(Path.of(((Sexp.Str) item).value()));
        }
        String loader = request.string("loader").orElse(null);
        String pathsGiven = String.join(" ", paths.stream().map(Path::toString).toList());
        request.service().reloader().submit(paths, loader).whenComplete((report, error) -> {
            if (error != null) {
                request.audit("reload", "", pathsGiven, "cannot reload: " + Reloader.failureMessage(error), List.of());
                request.fail(Wire.BAD_REQUEST, "cannot reload: " + Reloader.failureMessage(error), Plist.builder());
            } else {
                request.audit("reload", "", pathsGiven, report.outcome(), report.redefinedClasses());
                answer(request, report);
            }
        });
    }

    private static void answer(Request request, ReloadReport report) {
        Plist.Builder reply = Plist.builder()
                .put("classes", Sexp.list(report.classes().stream().map(c -> (Sexp) Plist.builder()
                        .put("class", c.className())
                        .put("outcome", c.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("loaders", Sexp.list(c.loaders().stream().map(Sexp::str).toList()))
                        .put("detail", c.detail()).build().toSexp()).toList()))
                .put("errors", Sexp.list(report.compileErrors().stream().map(Sexp::str).toList()))
                .put("report", report.toText())
                .put("micros", Math.round(report.millis() * 1000));
        if (!report.compileErrors().isEmpty()) {
            request.fail(Wire.COMPILE_ERROR, "the sources do not compile: " + report.compileErrors().get(0), reply);
        } else if (report.failed()) {
            request.fail("rejected", "the JVM refused the redefinition; nothing was applied", reply);
        } else {
            request.done(reply);
        }
    }
}
