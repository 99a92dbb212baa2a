package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.server.eval.AppClassView;
import dev.hotline.server.eval.LoaderClassFiles;
import dev.hotline.server.reload.SourceCompilation;
import dev.hotline.server.reload.SourceCompiler;
import dev.hotline.server.reload.SourceUnit;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jdk.jshell.spi.ExecutionControl;

/**
 * Sources compiled in the compile host (a reload from source, a trace's {@code --where}), on a connection of their
 * own; the service answers javac's questions about its other loaders' classes meanwhile. While the host cannot
 * start, {@code fallback} (javac in the service) compiles instead.
 */
final class HostCompilation implements SourceCompilation {
    private final HostProcess host;
    private final Supplier<AppClassView> appView;
    private final SourceCompilation fallback;
    private final CompileHostEvaluators evaluators;

    HostCompilation(HostProcess host, Supplier<AppClassView> appView, SourceCompilation fallback,
            CompileHostEvaluators evaluators) {
        this.host = host;
        this.appView = appView;
        this.fallback = fallback;
        this.evaluators = evaluators;
    }

    @Override
    public SourceCompiler.Result compile(List<SourceUnit> units, int release) throws IOException {
        if (evaluators.fallbackReason() != null) {
            return fallback.compile(units, release);
        }
        LoaderClassFiles classFiles = new LoaderClassFiles(appView.get());
        Plist request = Plist.builder().put("op", "compile").put("units", HostMessages.units(units))
                .put("release", release).put("class-path", System.getProperty("java.class.path", ""))
                .put("other-loaders", dev.hotline.protocol.Sexp.bool(classFiles.any())).build();
        Plist answer;
        host.begin();
        try (HostWire wire = host.connect()) {
            answer = HostExchange.run(wire, request, new ServiceCalls(null, classFiles, Map.of()), outcome -> { });
        } catch (HostExchange.HostGone e) {
            throw new IOException("the compile host stopped while compiling (" + e.getMessage() + "); try again");
        } catch (IOException e) {
            evaluators.fallBack(e.getMessage());
            return fallback.compile(units, release);
        } finally {
            host.end();
        }
        if (answer.has("failed")) {
            throw new IOException(HostMessages.string(answer, "failed"));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (ExecutionControl.ClassBytecodes c : HostMessages.classes(answer, "classes")) {
            classes.put(c.name(), c.bytecodes());
        }
        return new SourceCompiler.Result(classes, Map.of(), answer.strings("errors"));
    }
}
