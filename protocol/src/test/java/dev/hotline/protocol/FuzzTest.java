package dev.hotline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the s-expression reader and the frame reader: random bytes, token soup, and mutations
 * of real frames (SLIME's and Hotline's). Whatever comes in, the only failures allowed out are the typed
 * syntax and frame errors, and no input takes long. The normal build tries {@value #DEFAULT_INPUTS} inputs
 * per reader; the dedicated run tries a million:
 * {@code mvn -pl protocol test -Dtest=FuzzTest -Dhotline.fuzz.inputs=1000000}.
 */
class FuzzTest {
    private static final int DEFAULT_INPUTS = 20_000;
    private static final long SLOW_NANOS = 1_000_000_000L;
    private static final List<String> CORPUS = List.of(
            "(:emacs-rex (swank:connection-info) \"COMMON-LISP-USER\" t 1)\n",
            "(:emacs-rex (swank:autodoc '(\"format\" \"nil\" swank::%cursor-marker%) :print-right-margin 80) \"CL-USER\" t 15)\n",
            "(:emacs-rex (swank-repl:listener-eval \"\\\"λé\\\"\n\") \"COMMON-LISP-USER\" :repl-thread 6)\n",
            "(:emacs-rex (swank:simple-completions \"list-le\" '\"COMMON-LISP-USER\") \"COMMON-LISP-USER\" t 11)\n",
            "(:op :eval :id 7 :session \"main\" :code \"counter.get()\")",
            "(:id 9 :status (:error :compile-error :done) :diagnostics ((:line 1 :column 9 :message \"x\")))",
            "(:debug 1 1 (\"boom\" \"   [Condition of type SIMPLE-ERROR]\" nil) ((\"*ABORT\" \"Return.\")) ((0 \"f\")) (18))");
    private static final String SOUP = "()()\"\"\\\\'';:: \n\t#|.-+0123456789abcxyzλ-:%*";

    private final int inputs = Integer.getInteger("hotline.fuzz.inputs", DEFAULT_INPUTS);

    @Test
    void theReaderOnlyEverReportsSyntaxErrors() {
        Random random = new Random(20261122L);
        Stats stats = new Stats();
        for (int i = 0; i < inputs; i++) {
            String input = input(random);
            long t0 = System.nanoTime();
            try {
                Sexp read = SexpReader.DEFAULT.read(input);
                assertEquals(read, SexpReader.DEFAULT.read(read.print()), "what is read prints back to itself");
                stats.parsed++;
            } catch (ProtocolException e) {
                stats.rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("input " + i + " (" + abbreviate(input) + ") threw " + e, e);
            }
            stats.time(System.nanoTime() - t0, i, input);
        }
        stats.report("s-expression reader");
    }

    @Test
    void theFrameReaderOnlyEverReportsFrameErrors() {
        Random random = new Random(19700101L);
        Stats stats = new Stats();
        for (int i = 0; i < inputs; i++) {
            byte[] bytes = frames(random);
            long t0 = System.nanoTime();
            FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes), 4096);
            try {
                while (reader.read() != null) {
                    stats.parsed++;
                }
            } catch (FrameException e) {
                stats.rejected++;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("input " + i + " threw " + e, e);
            }
            stats.time(System.nanoTime() - t0, i, new String(bytes, StandardCharsets.ISO_8859_1));
        }
        stats.report("frame reader");
    }

    /** One textual input: random bytes, token soup, a mutated real frame, or deep nesting. */
    static String input(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> new String(randomBytes(random, random.nextInt(200)), StandardCharsets.UTF_8);
            case 1 -> soup(random, random.nextInt(300));
            case 2 -> "(".repeat(random.nextInt(5000)) + soup(random, 5) + ")".repeat(random.nextInt(5000));
            default -> mutate(random, CORPUS.get(random.nextInt(CORPUS.size())));
        };
    }

    /** A byte stream of frames: well-formed ones, lying headers, truncations and noise. */
    static byte[] frames(Random random) {
        List<byte[]> parts = new ArrayList<>();
        for (int n = random.nextInt(4); n >= 0; n--) {
            String payload = input(random);
            byte[] frame = Frames.encode(payload.length() > 2000 ? payload.substring(0, 2000) : payload);
            switch (random.nextInt(4)) {
                case 0 -> parts.add(frame);
                case 1 -> parts.add(java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1)));
                case 2 -> parts.add(randomBytes(random, random.nextInt(40)));
                default -> {
                    byte[] lying = frame.clone();
                    lying[random.nextInt(Math.min(6, lying.length))] = (byte) SOUP.charAt(random.nextInt(SOUP.length()));
                    parts.add(lying);
                }
            }
        }
        int size = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static String mutate(Random random, String text) {
        StringBuilder sb = new StringBuilder(text);
        for (int n = 1 + random.nextInt(4); n > 0 && sb.length() > 0; n--) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, SOUP.charAt(random.nextInt(SOUP.length())));
                case 2 -> sb.setLength(at);
                default -> sb.setCharAt(at, SOUP.charAt(random.nextInt(SOUP.length())));
            }
        }
        return sb.toString();
    }

    private static String soup(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(SOUP.charAt(random.nextInt(SOUP.length())));
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String abbreviate(String input) {
        return input.length() > 120 ? input.substring(0, 120) + "..." : input;
    }

    /** Counts and the slowest input; fails on a slow one, so a hang shows as a failure with its input. */
    private static final class Stats {
        long inputs;
        long parsed;
        long rejected;
        long slowest;

        void time(long nanos, int index, String input) {
            inputs++;
            slowest = Math.max(slowest, nanos);
            assertTrue(nanos < SLOW_NANOS, "input " + index + " took " + nanos / 1_000_000 + " ms: " + abbreviate(input));
        }

        void report(String what) {
            System.out.printf("fuzz %s: %d inputs, %d messages read, %d inputs rejected with a typed error, 0 crashes,"
                    + " slowest input %.2f ms%n", what, inputs, parsed, rejected, slowest / 1e6);
        }
    }
}
