package dev.hotline.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return run(Map.of(), stdin, args);
    }

    /** {@link #run(String, String...)} with variables added to the environment. */
    public static Result run(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Jdk.build().java(), "-jar", Artifacts.clientJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hotline-cli", ".out");
        Path err = Files.createTempFile("hotline-cli", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
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

    /** Starts {@code hotline ARGS} and returns at once, for commands that run until something happens. */
    public static Running start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** {@link #start(String...)} with variables added to the environment. */
    public static Running start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Jdk.build().java(), "-jar", Artifacts.clientJar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("hotline-cli", ".out");
        Path err = Files.createTempFile("hotline-cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        return new Running(String.join(" ", args), p, out, err);
    }

    /** A CLI process still running. */
    public record Running(String args, Process process, Path out, Path err) {
        /** Waits until its standard error holds {@code text} (a command saying it is ready). */
        public void awaitStderr(String text) throws IOException, InterruptedException {
            await(err, "said", text);
        }

        /** Waits until its standard output holds {@code text} (a result it printed). */
        public void awaitStdout(String text) throws IOException, InterruptedException {
            await(out, "printed", text);
        }

        private void await(Path file, String verb, String text) throws IOException, InterruptedException {
            for (int i = 0; i < TIMEOUT_SECONDS * 10; i++) {
                if (Files.readString(file).contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("hotline " + args + " ended before it " + verb + " '" + text + "': "
                            + finish());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("hotline " + args + " has not " + verb + " '" + text + "': "
                    + Files.readString(file));
        }

        /** Waits for it to end by itself, and what it printed. */
        public Result finish() throws IOException, InterruptedException {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("hotline " + args + " did not finish in " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
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
