package dev.hotline.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code hotline} CLI ({@code java -jar hotline-client.jar ...}) as a separate process. */
public final class Cli {
    private static final long TIMEOUT_SECONDS = 60;

    /** What a finished CLI run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Cli() {
    }

    public static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Jdk.build().java(), "-jar", Artifacts.clientJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hotline-cli", ".out");
        Path err = Files.createTempFile("hotline-cli", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("hotline " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code hotline eval --dir DIR --name NAME EXTRA... CODE}, code as one argument. */
    static Result eval(TargetJvm target, String code, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("eval", "--dir", target.runDir().toString(), "--name", target.name()));
        args.addAll(List.of(extra));
        args.add(code);
        return run("", args.toArray(String[]::new));
    }

    /** {@code hotline eval} reading the code from standard input. */
    static Result evalStdin(TargetJvm target, String script, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("eval", "--dir", target.runDir().toString(), "--name", target.name()));
        args.addAll(List.of(extra));
        return run(script, args.toArray(String[]::new));
    }
}
