package dev.hotline.client;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.io.PrintStream;
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
                "Code comes from the arguments, or from standard input when there are none (or just -): many",
                "snippets run in order, like a script, stopping at the first error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all code ran", "1:the code failed (exception, compile error, interrupted)",
                "2:usage error", "3:cannot connect, or the token was refused", "4:timed out (the evaluation is interrupted)"})
final class EvalCommand implements Callable<Integer> {
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
        String source = code == null || code.isEmpty() || code.equals(List.of("-"))
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : String.join(" ", code);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), false, StandardCharsets.UTF_8);
        EvalPrinter printer = json ? EvalPrinter.json(out) : EvalPrinter.human(out, err);
        try (NativeConnection connection = NativeConnection.open(target.resolve())) {
            long id = connection.send("eval", Plist.builder().put(Wire.CODE, source).put(Wire.SESSION, session));
            return await(connection, id, printer, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int await(NativeConnection connection, long id, EvalPrinter printer, PrintStream err)
            throws IOException, CliException {
        long deadline = timeoutSeconds == null ? 0 : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            Plist reply;
            try {
                reply = connection.read(timeoutSeconds == null ? null : Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (SocketTimeoutException e) {
                connection.send("interrupt", Plist.builder().put(Wire.SESSION, session));
                err.println("error: timed out after " + timeoutSeconds + " s; the evaluation was interrupted");
                return ExitCodes.TIMEOUT;
            }
            if (reply.integer(Wire.ID).orElse(-1L) != id && reply.has(Wire.ID)) {
                continue;
            }
            printer.print(reply);
            List<String> status = reply.keywords(Wire.STATUS);
            if (status.contains(Wire.DONE)) {
                return status.contains(Wire.ERROR) ? ExitCodes.EVAL_FAILED : ExitCodes.OK;
            }
        }
    }
}
