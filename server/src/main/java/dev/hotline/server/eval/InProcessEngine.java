package dev.hotline.server.eval;

import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM. {@link LocalExecutionControl} is used rather than {@code DirectExecutionControl}
 * because it can stop a runaway snippet: with {@code Thread.stop} on 17, with the stop checks it inserts
 * into snippet bytecode on JDK 22 and later.
 */
final class InProcessEngine implements ExecutionControlProvider {
    private final SnippetLoaderDelegate delegate;

    InProcessEngine(SnippetLoaderDelegate delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return "hotline-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new LocalExecutionControl(delegate);
    }
}
