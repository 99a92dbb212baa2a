package dev.hotline.client.commands;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.EvalPrinter;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SessionNames;
import dev.hotline.protocol.Wire;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline eval}: runs Java in the service and prints what comes back, as it comes. */
@Command(name = "eval", aliases = "send-eval", mixinStandardHelpOptions = true,
        description = {"Evaluates Java code in the service and prints its output and values as they arrive.",
                "Code comes from the arguments, or from standard input when there are none (or just -): many "
                        + "snippets run in order, like a script, stopping at the first error."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(names = "--session", paramLabel = "NAME", defaultValue = "main",
            description = "Session to evaluate in (default: ${DEFAULT-VALUE}); declarations stay there for later clients.")
    String session;

    @Option(names = "--json", description = "Print every reply as one JSON object per line.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long, interrupting the evaluation.")
    Double timeoutSeconds;

    @Parameters(paramLabel = "CODE", arity = "0..*", description = "Java code; joined with spaces.")
    List<String> code;

    @Override
    public Integer call() throws Exception {
        requireChoosable(session);
        String source = code == null || code.isEmpty() || code.equals(List.of("-"))
                ? readStdin() : String.join(" ", code);
        return evaluate(target, session, source, json, timeoutSeconds);
    }

    /** Evaluates {@code source} in the service the options name, or in each of the services they name (fan-out). */
    /** How long a service that let an evaluation time out has to answer its interrupt. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    static int evaluate(TargetOptions target, String session, String source, boolean json, Double timeoutSeconds)
            throws IOException, CliException, InterruptedException {
        if (target.isFanOut()) {
            return FanOut.run(target.members(), target.parallel(), json, true,
                    service -> evalOn(service.connection(), session, source, timeoutSeconds));
        }
        return run(target.locate().target(), session, source, json, timeoutSeconds);
    }

    /** One service's part of a fan-out: its value, or why it failed, and what it printed. */
    private static FanOut.Result evalOn(NativeConnection connection, String session, String source, Double timeoutSeconds)
            throws IOException, CliException {
        Duration timeout = timeoutSeconds == null ? null : Duration.ofMillis((long) (timeoutSeconds * 1000));
        Answer answer;
        try {
            answer = connection.call("eval", Plist.builder().put(Wire.CODE, source).put(Wire.SESSION, session), timeout);
        } catch (SocketTimeoutException e) {
            return FanOut.Result.failed(ExitCodes.UNKNOWN, timedOut(connection, session, timeoutSeconds), "");
        }
        return answer.failed() ? FanOut.Result.failed(ExitCodes.FAILED, answer.message().orElse("failed"), answer.out())
                : FanOut.Result.ok(answer.value().orElse(""), answer.out());
    }

    /**
     * What to say when no answer came within the timeout: the evaluation is interrupted, and if the service does
     * not answer that either within {@link #INTERRUPT_GRACE}, it is not answering at all (a stopped or frozen
     * process), which is said instead.
     */
    private static String timedOut(NativeConnection connection, String session, Double timeoutSeconds)
            throws IOException, CliException {
        connection.send("interrupt", Plist.builder().put(Wire.SESSION, session));
        try {
            connection.read(INTERRUPT_GRACE);
            return "timed out after " + timeoutSeconds + " s; the evaluation was interrupted";
        } catch (SocketTimeoutException e) {
            return connection.address() + " is not answering: no reply within " + timeoutSeconds + " s, nor within "
                    + INTERRUPT_GRACE.toMillis() + " ms to an interrupt; is the process stopped (SIGSTOP, a debugger)"
                    + " or frozen? What was sent may still run when it resumes";
        }
    }

    static String readStdin() throws IOException {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Evaluates {@code source} in {@code session} and prints the replies; returns the exit code. Slash
     * commands among its lines run as they would in line mode or the REPL ({@link ScriptParts}); the script
     * stops at the first part that fails.
     */
    static int run(Target target, String session, String source, boolean json, Double timeoutSeconds)
            throws IOException, CliException {
        PrintWriter out = Console.unflushed(FileDescriptor.out);
        PrintWriter err = Console.unflushed(FileDescriptor.err);
        EvalPrinter printer = json ? EvalPrinter.json(out) : EvalPrinter.forScripts(out, err);
        long deadline = timeoutSeconds == null ? 0 : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        try (NativeConnection connection = NativeConnection.open(target)) {
            List<ScriptParts.Part> parts = ScriptParts.split(source, code -> connection.call("is-complete",
                    Plist.builder().put(Wire.CODE, code).put(Wire.SESSION, session), null).last().flag("complete"));
            for (ScriptParts.Part part : parts) {
                Plist.Builder request = Plist.builder().put(Wire.SESSION, session);
                long id = part.command() ? connection.send("command", request.put("line", part.text()))
                        : connection.send("eval", request.put(Wire.CODE, part.text()));
                int exit = printReplies(connection, id, printer, err, session, timeoutSeconds, deadline);
                if (exit != ExitCodes.OK) {
                    return exit;
                }
            }
            return ExitCodes.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A session name the service would refuse is a usage error, said before connecting. */
    static void requireChoosable(String session) throws CliException {
        if (!SessionNames.isChoosable(session)) {
            throw new CliException(ExitCodes.USAGE, SessionNames.invalid(session));
        }
    }

    /** Prints the replies to request {@code id} up to its final one; returns its exit code. */
    private static int printReplies(NativeConnection connection, long id, EvalPrinter printer, PrintWriter err,
            String session, Double timeoutSeconds, long deadline) throws IOException, CliException {
        while (true) {
            Plist reply;
            try {
                reply = connection.read(timeoutSeconds == null ? null
                        : Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (SocketTimeoutException e) {
                err.println("error: " + timedOut(connection, session, timeoutSeconds));
                return ExitCodes.UNKNOWN;
            }
            if (reply.has(Wire.ID) && reply.integer(Wire.ID).orElse(-1L) != id) {
                continue;
            }
            printer.print(reply);
            List<String> status = reply.keywords(Wire.STATUS);
            if (status.contains(Wire.DONE)) {
                return status.contains(Wire.ERROR) ? ExitCodes.FAILED : ExitCodes.OK;
            }
        }
    }
}
