package dev.hotline.server.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hotline.server.eval.Completeness;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the line dialect's parsing, as the server does it: random byte streams (Java fragments,
 * unbalanced braces, quotes and text blocks, comments, slash commands, blank lines, CRLF, malformed UTF-8,
 * over-long lines) arrive in chunks of any size, go through the real {@link LineCodec}, and each line through
 * a {@link LineAssembler} asking JShell's real completeness analysis. Only lines, commands, snippets, typed
 * errors (too-long lines, discarded snippets, after which the server stops reading) come out; every character
 * of every line is accounted for; a snippet never grows past its limit; nothing hangs. {@value #DEFAULT_LINES} lines per build; the dedicated
 * run: {@code mvn -pl server test -Dtest=LineModeFuzzTest -Dhotline.fuzz.inputs=1000000}.
 */
class LineModeFuzzTest {
    private static final int DEFAULT_LINES = 5_000;
    private static final int MAX_LINE_BYTES = 300;
    private static final int MAX_SNIPPET_CHARS = 500;
    private static final String[] FRAGMENTS = {
        "{", "}", "(", ")", "[", "]", ";", ",", "\"", "\"\"\"", "'", "/*", "*/", "//", "\\", "=", "->", "<", ">",
        "int x = 1", "class A {", "void m() {", "return", "new int[]", "switch (x) {", "case 1 ->", "import java.util.*",
        "System.out.println(\"hi\")", "/help", "/drop x", "/", "@", "#", " ", "\t", "λ", "\uD83D\uDE00", "x",
        "1", "0x", "'a'", "\"\\u00e9\"", "record R(int a)", "enum E { A", "interface I", "var v =", "...",
    };

    private static JShell jshell;
    private static SourceCodeAnalysis analysis;

    private final long lines = Long.getLong("hotline.fuzz.inputs", DEFAULT_LINES);

    @BeforeAll
    static void startJShell() {
        jshell = JShell.builder().executionEngine("local").build();
        analysis = jshell.sourceCodeAnalysis();
    }

    @AfterAll
    static void closeJShell() {
        jshell.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void randomStreamsGiveOnlyLinesCommandsSnippetsAndTypedErrors() {
        Random random = new Random(11);
        Tally tally = new Tally();
        long slowestNanos = 0;
        int streams = 0;
        while (tally.lines < lines) {
            long start = System.nanoTime();
            runStream(randomStream(random), random, tally);
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            streams++;
        }
        System.out.printf("fuzz line mode: %d lines in %d random streams: %d commands, %d snippets, %d snippets"
                + " discarded, %d lines too long, 0 crashes, slowest stream %d ms%n", tally.lines, streams,
                tally.commands, tally.snippets, tally.discarded, tally.tooLong, slowestNanos / 1_000_000);
        assertTrue(tally.snippets > 0 && tally.commands > 0 && tally.discarded > 0 && tally.tooLong > 0,
                "the generator reaches every outcome");
    }

    /**
     * A few lines of fragments and noise, each ended by LF or CRLF, some longer than a line may be; some streams
     * start a text block, which stays open until a fragment happens to close it.
     */
    private static byte[] randomStream(Random random) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            stream.writeBytes("String open = \"\"\"\n".getBytes(StandardCharsets.UTF_8)); // held open by what follows
        }
        for (int n = 1 + random.nextInt(20); n > 0; n--) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                byte[] noise = new byte[random.nextInt(40)];
                random.nextBytes(noise);
                stream.writeBytes(noise);
            } else if (kind == 1) {
                stream.writeBytes("x".repeat(MAX_LINE_BYTES + random.nextInt(100)).getBytes(StandardCharsets.UTF_8));
            } else if (kind < 5) {
                stream.writeBytes("word ".repeat(random.nextInt(MAX_LINE_BYTES / 5)).getBytes(StandardCharsets.UTF_8));
            } else {
                for (int f = random.nextInt(8); f >= 0; f--) {
                    stream.writeBytes(FRAGMENTS[random.nextInt(FRAGMENTS.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            stream.writeBytes((random.nextInt(4) == 0 ? "\r\n" : "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return stream.toByteArray();
    }

    private static void runStream(byte[] bytes, Random random, Tally tally) {
        List<Object> decoded = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        LineCodec.stages(MAX_LINE_BYTES).forEach(channel.pipeline()::addLast);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                decoded.add(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                decoded.add(cause);
            }
        });
        int at = 0;
        while (at < bytes.length) {
            int n = 1 + random.nextInt(Math.min(64, bytes.length - at));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
        channel.finishAndReleaseAll();

        LineAssembler assembler = new LineAssembler(MAX_SNIPPET_CHARS);
        long charsIn = 0;
        long charsOut = 0;
        for (Object item : decoded) {
            if (item instanceof TooLongFrameException) {
                tally.tooLong++;
                int pending = assembler.pending().length();
                Optional<LineAssembler.Input.Discarded> discarded = assembler.lineSkipped();
                if (discarded.isPresent()) {
                    assertEquals(pending, discarded.get().chars());
                    tally.discarded++;
                    charsOut += pending;
                    break; // the server closes the connection
                }
                continue;
            }
            if (!(item instanceof String line)) {
                fail("the line codec gave " + item);
                return;
            }
            assertFalse(line.contains("\n"), line);
            tally.lines++;
            boolean wasIdle = assembler.pending().isEmpty();
            Optional<LineAssembler.Input> input = assembler.accept(line, code -> Completeness.isComplete(analysis, code));
            if (wasIdle && input.isEmpty() && assembler.pending().isEmpty()) {
                assertTrue(line.isBlank(), "only a blank line outside a snippet is skipped: " + line);
                continue;
            }
            charsIn += line.length() + 1;
            if (input.isEmpty()) {
                continue;
            }
            if (input.get() instanceof LineAssembler.Input.Command command) {
                assertTrue(wasIdle && command.line().strip().startsWith("/"), command.line());
                tally.commands++;
                charsOut += command.line().length() + 1;
            } else if (input.get() instanceof LineAssembler.Input.Snippet snippet) {
                assertTrue(snippet.code().length() <= MAX_SNIPPET_CHARS && snippet.code().endsWith("\n"));
                tally.snippets++;
                charsOut += snippet.code().length();
            } else if (input.get() instanceof LineAssembler.Input.Discarded discarded) {
                assertTrue(discarded.chars() > MAX_SNIPPET_CHARS);
                assertTrue(assembler.pending().isEmpty());
                tally.discarded++;
                charsOut += discarded.chars();
                break; // the server closes the connection
            }
            assertTrue(assembler.pending().isEmpty(), "what a line completes leaves nothing pending");
        }
        assertEquals(charsIn, charsOut + assembler.pending().length(), "every character is accounted for");
    }

    private static final class Tally {
        long lines;
        long commands;
        long snippets;
        long discarded;
        long tooLong;
    }
}
