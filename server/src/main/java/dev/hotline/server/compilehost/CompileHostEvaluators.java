package dev.hotline.server.compilehost;

import dev.hotline.server.eval.AppClassView;
import dev.hotline.server.eval.Evaluator;
import dev.hotline.server.eval.JShellEvaluator;
import dev.hotline.server.eval.SessionLimits;
import dev.hotline.server.eval.SessionRegistry;
import dev.hotline.server.reload.SourceCompilation;
import dev.hotline.server.support.CompileOptions;
import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sessions whose JShell runs in the compile host ({@code compile=host}). When the host cannot be started, the
 * service says why on its standard error and compiles in process from then on, so evaluation keeps working:
 * {@link #fallbackReason()} says so to {@code status}.
 *
 * <p>After {@code compile-idle} seconds without a request the host is stopped, giving its memory back, but only
 * while every session would come back whole in the next host: a variable holding an instance of a class declared in
 * the session cannot move to a new JShell (its class would be another), so a session with one keeps the host.
 */
public final class CompileHostEvaluators implements SessionRegistry.EvaluatorFactory {
    private static final long IDLE_CHECK_SECONDS = 1;

    private final HostProcess host;
    private final Set<HostedEvaluator> evaluators = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final ScheduledExecutorService idleCheck;
    private volatile String fallbackReason;

    /**
     * @param socket the host's socket, {@code RUNDIR/NAME.compiler}
     * @param agentJar the agent jar, whose bootstrap starts the host
     */
    public CompileHostEvaluators(Path socket, Path agentJar, CompileOptions options) {
        this.host = new HostProcess(socket, agentJar, options);
        if (options.idleSeconds() > 0) {
            idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hotline-compile-host-idle");
                t.setDaemon(true);
                return t;
            });
            idleCheck.scheduleWithFixedDelay(() -> host.stopIfIdle(this::everySessionRebuildsWhole),
                    IDLE_CHECK_SECONDS, IDLE_CHECK_SECONDS, TimeUnit.SECONDS);
        } else {
            idleCheck = null;
        }
    }

    private boolean everySessionRebuildsWhole() {
        synchronized (evaluators) {
            return evaluators.stream().allMatch(HostedEvaluator::rebuildsWhole);
        }
    }

    @Override
    public Evaluator create(AppClassView appView, SessionLimits limits) {
        if (fallbackReason == null) {
            try {
                HostedEvaluator evaluator = HostedEvaluator.open(host, appView, limits);
                evaluators.add(evaluator);
                return evaluator;
            } catch (IOException | RuntimeException e) {
                fallBack(e.getMessage());
            }
        }
        return JShellEvaluator.inProcess(appView, limits);
    }

    /**
     * Sources compiled in the host, or by {@code inService} (javac in the service) once the host cannot start.
     *
     * @param appView the application's classes, made when first needed
     */
    public SourceCompilation sources(Supplier<AppClassView> appView, SourceCompilation inService) {
        return new HostCompilation(host, appView, inService, this);
    }

    /** From now on, compile in the service: the host cannot start, for {@code reason}. */
    synchronized void fallBack(String reason) {
        if (fallbackReason == null) {
            fallbackReason = reason;
            ServerLog.warn("compile=host, but the compile host cannot start (" + reason + "): compiling in the service"
                    + " instead until it restarts; fix the cause, or set compile=inprocess");
        }
    }

    @Override
    public String describe() {
        if (fallbackReason != null) {
            return "in the service: compile=host, but the compile host cannot start (" + fallbackReason + ")";
        }
        long pid = host.pid();
        return pid > 0 ? "in the compile host, pid " + pid + " (compile=host)"
                : "in the compile host (compile=host; not running now: the next evaluation starts it)";
    }

    /** Why sessions compile in the service although {@code compile=host} was asked for; null when they do not. */
    String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public void close() {
        if (idleCheck != null) {
            idleCheck.shutdownNow();
        }
        host.close();
    }
}
