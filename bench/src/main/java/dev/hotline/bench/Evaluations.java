package dev.hotline.bench;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** What the measurements do with the client's {@link NativeConnection}: connect, time an eval, read a value. */
final class Evaluations {
    private Evaluations() {
    }

    /** Connects to the service whose port and token files are in {@code runDir}. */
    static NativeConnection connect(Path runDir, String name) throws IOException {
        try {
            return NativeConnection.open(Target.of(new RunDirectory(runDir, name)));
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Evaluates {@code code} in session main and returns how long the round trip took; fails on an error. */
    static long timedEval(NativeConnection connection, String code) throws IOException {
        long t0 = System.nanoTime();
        Answer answer = answer(connection, null, code);
        long elapsed = System.nanoTime() - t0;
        if (answer.failed()) {
            throw new IOException("eval of " + code + " failed: " + answer.message().orElse(""));
        }
        return elapsed;
    }

    /** Evaluates {@code code} in {@code session} (main when null) and returns its value; fails when it has none. */
    static String value(NativeConnection connection, String session, String code) throws IOException {
        Answer answer = answer(connection, session, code);
        return answer.value().filter(v -> !answer.failed())
                .orElseThrow(() -> new IOException("eval of " + code + " gave no value: " + answer.last()));
    }

    /** The whole answer to an eval; an error reply is an answer, a lost connection an exception. */
    static Answer answer(NativeConnection connection, String session, String code) throws IOException {
        try {
            return connection.eval(session, code);
        } catch (CliException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
