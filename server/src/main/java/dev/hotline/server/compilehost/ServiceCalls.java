package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.server.eval.LiveDeclaration;
import dev.hotline.server.eval.LoaderClassFile;
import dev.hotline.server.eval.LoaderClassFiles;
import dev.hotline.server.eval.SnippetExecutor;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import jdk.jshell.spi.ExecutionControl;

/**
 * The service's answers to what its compile host asks while a request is in progress, on the session's worker
 * thread: JShell's engine calls ({@code load}, {@code invoke}, {@code var-value}, {@code add-to-class-path}) go to
 * the session's {@link SnippetExecutor}; {@code carry} gives a variable declared again its value; and
 * {@code list-classes} and {@code class-bytes} show javac the classes of the application's other loaders. A
 * connection that compiles sources has no executor: only the last two are answered there.
 */
final class ServiceCalls {
    private final SnippetExecutor executor;
    private final LoaderClassFiles classFiles;
    private final Map<String, LiveDeclaration.CarriedVariable> carrying;

    /** @param executor the session's, or null on a connection that only compiles sources */
    ServiceCalls(SnippetExecutor executor, LoaderClassFiles classFiles,
            Map<String, LiveDeclaration.CarriedVariable> carrying) {
        this.executor = executor;
        this.classFiles = classFiles;
        this.carrying = carrying;
    }

    Plist answer(Plist call) throws IOException {
        String name = HostMessages.string(call, "name");
        try {
            Plist.Builder ok = Plist.builder().put("ok", Sexp.T);
            String kind = HostMessages.string(call, "call");
            if (executor == null && !kind.equals("list-classes") && !kind.equals("class-bytes")) {
                throw new ExecutionControl.NotImplementedException("no session on this connection for " + kind);
            }
            ExecutionControl control = executor == null ? null : executor.control();
            switch (kind) {
                case "load" -> control.load(HostMessages.classes(call, "classes"));
                case "invoke" -> ok.put("value", text(control.invoke(HostMessages.string(call, "class"),
                        HostMessages.string(call, "method"))));
                case "var-value" -> ok.put("value", text(control.varValue(HostMessages.string(call, "class"), name)));
                case "add-to-class-path" -> control.addToClasspath(HostMessages.string(call, "path"));
                case "carry" -> {
                    LiveDeclaration.CarriedVariable carried = carrying.get(name);
                    if (carried == null || !executor.setCarried(name, carried)) {
                        throw new ExecutionControl.InternalException("no value to carry for " + name);
                    }
                }
                case "list-classes" -> ok.put("names", HostMessages.strings(classFiles.list(HostMessages.string(call,
                        "package")).stream().map(LoaderClassFile::binaryName).toList()));
                case "class-bytes" -> {
                    byte[] bytes = classFiles.bytes(name);
                    if (bytes != null) {
                        ok.put("bytes", Base64.getEncoder().encodeToString(bytes));
                    }
                }
                default -> throw new ExecutionControl.NotImplementedException("no such call: " + call);
            }
            return ok.build();
        } catch (ExecutionControl.ExecutionControlException e) {
            return HostMessages.write(e);
        } catch (RuntimeException e) {
            return HostMessages.write(new ExecutionControl.InternalException("the service failed: " + e));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
