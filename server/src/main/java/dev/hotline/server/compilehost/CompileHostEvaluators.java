package dev.hotline.server.compilehost;

import dev.hotline.server.eval.AppClassView;
import dev.hotline.server.eval.Evaluator;
import dev.hotline.server.eval.JShellEvaluator;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.support.CompileOptions;
import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Sessions whose JShell runs in the compile host ({@code compile=host}). When the host cannot be started, the
 * service says why on its standard error and compiles in process from then on, so evaluation keeps working:
 * {@link #fallbackReason()} says so to {@code status}.
 */
public final class CompileHostEvaluators implements SessionRegistry.EvaluatorFactory {
    private final HostProcess host;
    private volatile String fallbackReason;

    /**
     * @param socket the host's socket, {@code RUNDIR/NAME.compiler}
     * @param agentJar the agent jar, whose bootstrap starts the host
     */
    public CompileHostEvaluators(Path socket, Path agentJar, CompileOptions options) {
        this.host = new HostProcess(socket, agentJar, options);
    }

    @Override
    public Evaluator create(AppClassView appView, SessionLimits limits) {
        if (fallbackReason == null) {
            try {
                return HostedEvaluator.open(host, appView, limits);
            } catch (IOException | RuntimeException e) {
                fallbackReason = e.getMessage();
                ServerLog.warn("compile=host, but the compile host cannot start (" + e.getMessage() + "): compiling"
                        + " in the service instead until it restarts; fix the cause, or set compile=inprocess");
            }
        }
        return JShellEvaluator.inProcess(appView, limits);
    }

    /** The compile host's pid while it runs, else -1. */
    public long hostPid() {
        return host.pid();
    }

    /** Why sessions compile in the service although {@code compile=host} was asked for; null when they do not. */
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public void close() {
        host.close();
    }
}
