package dev.hotline.client.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * A Jupyter kernel whose cells run in a live service: the front end (Notebook, JupyterLab, VS Code, jupyter console)
 * speaks the Jupyter messaging protocol 5.3 to this process, which speaks Hotline's native protocol to the
 * service. Shell requests are served one at a time on the calling thread, control requests (interrupt, shutdown)
 * on a thread of their own so they are heard while a cell runs; every request is wrapped in busy and idle status
 * messages. Shutting the kernel down never touches the service.
 */
public final class JupyterKernel {
    /** Where the service is, looked up again at each connection (a restarted service may have a new port). */
    public interface Locator {
        Target locate() throws CliException;
    }

    private final KernelSockets sockets;
    private final ServiceLine line;
    private final Magics magics;
    private final Requests requests;
    private final Consumer<String> log;
    private final Optional<ProcessHandle> parent;
    private volatile boolean running = true;
    /** Whether a cell runs now (read by the control thread, for an interrupt). */
    private volatile boolean executing;
    private int executionCount;

    /**
     * @param connectionFile the connection file the front end wrote
     * @param locator where the service is, looked up at each (re)connection
     * @param serviceName the name the kernel's banner and errors use
     * @param log where the kernel says what it dropped or could not do (its standard error, which the front end
     *     shows or logs)
     */
    public JupyterKernel(Path connectionFile, Locator locator, String serviceName,
            Consumer<String> log) throws CliException {
        ConnectionFile file = ConnectionFile.read(connectionFile);
        this.log = log;
        try {
            this.sockets = new KernelSockets(file, new MessageCodec(file.key()));
        } catch (IllegalStateException e) {
            throw new CliException(ExitCodes.FAILED, e.getMessage() + "; is another kernel using this connection file?");
        }
        this.line = new ServiceLine(locator, log);
        this.magics = new Magics(line);
        this.requests = new Requests(line, serviceName);
        this.parent = parentProcess(System.getenv("JPY_PARENT_PID"));
    }

    private static Optional<ProcessHandle> parentProcess(String pid) {
        try {
            return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Serves until a {@code shutdown_request}; then closes the sockets and the line to the service. */
    public void run() {
        Thread heartbeat = daemon("hotline-kernel-heartbeat", () -> sockets.echoHeartbeats(this::goesOn));
        Thread control = daemon("hotline-kernel-control", () -> serve(sockets.control));
        JsonObject starting = new JsonObject();
        starting.addProperty("execution_state", "starting");
        sockets.publish(null, "status", starting);
        serve(sockets.shell);
        join(control);
        join(heartbeat);
        line.close();
        sockets.close();
    }

    /**
     * Whether the kernel goes on: not once shut down, nor once the front end that started it has died (jupyter_client
     * names itself in {@code JPY_PARENT_PID}), rather than hold a line into the service for no one.
     */
    private boolean goesOn() {
        if (parent.isPresent() && !parent.get().isAlive()) {
            log.accept("the front end that started this kernel (pid " + parent.get().pid() + ") is gone; ending");
            running = false;
        }
        return running;
    }

    private void serve(ZMQ.Socket socket) {
        while (running) {
            List<byte[]> frames = KernelSockets.receive(socket);
            if (frames != null) {
                sockets.decode(frames, dropped -> log.accept("dropped " + dropped))
                        .ifPresent(request -> handle(socket, request));
            }
        }
    }

    private void handle(ZMQ.Socket socket, JupyterMessage request) {
        status(request, "busy");
        try {
            dispatch(socket, request);
        } catch (RuntimeException e) { // a malformed request, or the kernel's own fault: answered, never left waiting
            log.accept(request.type() + " failed: " + e);
            if (request.type().endsWith("_request")) {
                JsonObject error = new JsonObject();
                error.addProperty("status", "error");
                error.addProperty("ename", e.getClass().getSimpleName());
                error.addProperty("evalue", "hotline kernel could not answer this " + request.type() + ": " + e);
                error.add("traceback", new JsonArray());
                sockets.reply(socket, request, request.type().replace("_request", "_reply"), error);
            }
        } finally {
            status(request, "idle");
        }
    }

    private void dispatch(ZMQ.Socket socket, JupyterMessage request) {
        String type = request.type();
        switch (type) {
            case "kernel_info_request" -> sockets.reply(socket, request, "kernel_info_reply", requests.kernelInfo());
            case "execute_request" -> {
                JsonObject reply = execute(request);
                sockets.reply(socket, request, "execute_reply", reply);
                if (reply.get("status").getAsString().equals("error") && request.flag("stop_on_error", true)) {
                    abortWaiting(socket);
                }
            }
            case "is_complete_request" -> sockets.reply(socket, request, "is_complete_reply",
                    requests.isComplete(request));
            case "complete_request" -> sockets.reply(socket, request, "complete_reply", requests.complete(request));
            case "inspect_request" -> sockets.reply(socket, request, "inspect_reply", requests.inspect(request));
            case "history_request" -> sockets.reply(socket, request, "history_reply", requests.history(request));
            case "comm_info_request" -> sockets.reply(socket, request, "comm_info_reply", requests.commInfo());
            case "comm_open" -> sockets.publish(request, "comm_close", requests.commClose(request));
            case "interrupt_request" -> sockets.reply(socket, request, "interrupt_reply", interrupt());
            case "shutdown_request" -> {
                interrupt(); // what a cell left running in the service ends with the kernel, as in any kernel
                JsonObject reply = new JsonObject();
                reply.addProperty("status", "ok");
                reply.addProperty("restart", request.flag("restart", false));
                sockets.reply(socket, request, "shutdown_reply", reply);
                sockets.publish(request, "shutdown_reply", reply);
                running = false;
            }
            default -> log.accept("ignored a " + type + " message: this kernel does not answer that type");
        }
    }

    /**
     * After a cell failed, the cells already waiting (a notebook's "Run All") are not run: each is answered
     * {@code aborted}, as IPython does, so a later cell does not run on the state a failed one left. Other requests
     * waiting are served as usual.
     */
    private void abortWaiting(ZMQ.Socket socket) {
        List<byte[]> frames;
        while ((frames = KernelSockets.receiveWaiting(socket)) != null) {
            sockets.decode(frames, dropped -> log.accept("dropped " + dropped)).ifPresent(waiting -> {
                if (!waiting.type().equals("execute_request")) {
                    handle(socket, waiting);
                    return;
                }
                status(waiting, "busy");
                JsonObject aborted = new JsonObject();
                aborted.addProperty("status", "aborted");
                aborted.addProperty("execution_count", executionCount);
                sockets.reply(socket, waiting, "execute_reply", aborted);
                status(waiting, "idle");
            });
        }
    }

    private JsonObject execute(JupyterMessage request) {
        boolean counted = !request.flag("silent", false) && request.flag("store_history", true);
        if (counted) {
            executionCount++;
        }
        executing = true;
        try {
            return new CellRun(sockets, request, executionCount).run(line, magics);
        } finally {
            executing = false;
        }
    }

    /**
     * Interrupts this kernel's running cell. Only its own: the session may be shared with a REPL or an editor, whose
     * evaluation an interrupt sent while no cell runs would stop.
     */
    private JsonObject interrupt() {
        if (!executing) {
            JsonObject nothing = new JsonObject();
            nothing.addProperty("status", "ok");
            return nothing;
        }
        magics.interrupt();
        return requests.interrupt();
    }

    private void status(JupyterMessage parent, String state) {
        JsonObject status = new JsonObject();
        status.addProperty("execution_state", state);
        sockets.publish(parent, "status", status);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
