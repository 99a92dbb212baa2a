package dev.hotline.server.eval;

import dev.hotline.server.support.ServerLog;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;

/**
 * Where a session's snippets run in the service: the class loader that defines them (a child of the
 * {@link AppClassView}), the engine that runs and stops them, and the variables' values. Whichever JVM compiles
 * (the service itself, or a compile host), this object stays in the service; a fresh JShell gets a fresh one.
 *
 * <p>Stopping is safe from any thread: {@link #requestStop()}, {@link #forceStop()}, {@link #running()} and
 * {@link #isRunningSnippetCode()}.
 */
public final class SnippetExecutor implements SnippetExecution {
    private final SnippetLoaderDelegate delegate;
    private final InProcessEngine engine;

    public SnippetExecutor(AppClassView appView) {
        this.delegate = new SnippetLoaderDelegate(appView);
        this.engine = new InProcessEngine(delegate);
    }

    /** The loader that defines snippet classes; the right context class loader for snippet threads. */
    @Override
    public ClassLoader snippetLoader() {
        return delegate.loader();
    }

    /** The engine itself, for a compile host's requests ({@code load}, {@code invoke}, {@code varValue}...). */
    public ExecutionControl control() {
        return engine.control();
    }

    @Override
    public ExecutionControlProvider provider() {
        return engine;
    }

    @Override
    public String lastInvokedClass() {
        return engine.lastInvokedClass();
    }

    @Override
    public void forgetLastInvoked() {
        engine.forgetLastInvoked();
    }

    @Override
    public String invokeAgain(String wrapperClass) throws ExecutionControl.ExecutionControlException {
        return engine.invokeAgain(wrapperClass);
    }

    @Override
    public Optional<LiveDeclaration.CarriedVariable> carried(String name, String type) {
        try {
            Field field = delegate.variableField(name).orElse(null);
            if (field == null) {
                return Optional.empty();
            }
            Object value = field.get(null);
            return value == null || !isDefinedHere(value.getClass())
                    ? Optional.of(new LiveDeclaration.CarriedVariable(name, type, value)) : Optional.empty();
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean setCarried(String name, LiveDeclaration.CarriedVariable carried) {
        try {
            Field field = delegate.variableField(name).orElse(null);
            if (field == null) {
                return false;
            }
            field.set(null, carried.value());
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<VariableValue> variable(String name) {
        try {
            Field field = delegate.variableField(name).orElse(null);
            return field == null ? Optional.empty() : Optional.of(new VariableValue(field.get(null)));
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether {@code type} (or, for an array, its element type) is a class of this session's snippets. */
    private boolean isDefinedHere(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        return element.getClassLoader() == delegate.loader();
    }

    /** Makes the running snippet, and the next to start, stop; the caller also asks JShell to stop it. */
    @Override
    public void requestStop() {
        engine.requestStop();
    }

    /** Forgets a stop request that no snippet consumed. */
    /**
     * Stops the running snippet now, as JShell's own stop would ({@code Thread.stop} on 17, the stop checks in
     * snippet code from 22), and keeps the next one from starting: for a compile host's session, whose JShell
     * is not in this JVM to pass the stop on.
     */
    public void stopRunning() {
        engine.requestStop();
        try {
            engine.control().stop();
        } catch (ExecutionControl.ExecutionControlException e) {
            ServerLog.warn("could not stop a snippet: " + e.getMessage());
        }
    }

    @Override
    public void clearStop() {
        engine.clearStop();
    }

    /** Whether snippet code (not the compiler) is running now. */
    @Override
    public boolean isRunningSnippetCode() {
        return engine.isRunningSnippetCode();
    }

    /**
     * Stops the running snippet's threads with JVMTI, for a loop JShell's stop does not reach (application or
     * JDK code on JDK 20+); the evaluation then ends as interrupted.
     */
    @Override
    public void forceStop() {
        String wrapper = engine.lastInvokedClass();
        if (wrapper != null && engine.isRunningSnippetCode() && ThreadStopper.isAvailable()) {
            List<String> stopped = ThreadStopper.stopThreadsRunning(wrapper);
            if (!stopped.isEmpty()) {
                ServerLog.info("stopped " + String.join(", ", stopped) + " with JVMTI");
            }
        }
    }

    /** Where the running snippet's thread is now; empty when no snippet code is running. */
    @Override
    public Optional<RunningSnippet> running() {
        String wrapper = engine.lastInvokedClass();
        if (wrapper == null || !engine.isRunningSnippetCode()) {
            return Optional.empty();
        }
        for (Map.Entry<Thread, StackTraceElement[]> e : SnippetThreads.running(wrapper).entrySet()) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : e.getValue()) {
                frames.add(frame.toString());
                if (frame.getClassName().equals(wrapper)) {
                    break;
                }
            }
            return Optional.of(new RunningSnippet(e.getKey().getName(), frames));
        }
        return Optional.empty();
    }
}
