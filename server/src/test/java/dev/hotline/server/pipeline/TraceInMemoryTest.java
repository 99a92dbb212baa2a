package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.TraceCall;
import dev.hotline.protocol.Wire;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The {@code trace} and {@code untrace} ops and the {@code /trace} command in memory, tracing a JDK method outside
 * {@code java.base} ({@code java.util.logging.Level.parse}, which snippets call) in this very JVM.
 */
class TraceInMemoryTest extends InMemoryServiceTest {
    private static final String PARSE = "java.util.logging.Level::parse";

    /** Runs the service's tasks until {@code done} holds of the replies so far (at most 20 s). */
    private static List<Plist> awaitReplies(InMemoryConnection c, Predicate<List<Plist>> done) throws Exception {
        for (int i = 0; i < 200; i++) {
            c.settle();
            List<Plist> replies = c.replies();
            if (done.test(replies)) {
                return replies;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such replies: " + c.replies());
    }

    private static boolean ended(List<Plist> replies) {
        return replies.stream().anyMatch(r -> r.has(Wire.STATUS) && r.integer(Wire.ID).orElse(0L) == 1);
    }

    private static void eval(String code) throws Exception {
        try (InMemoryConnection other = new InMemoryConnection(service)) {
            other.authenticateFramed();
            other.sendFrame(Plist.builder().put(Wire.OP, "eval").put(Wire.ID, 1).put(Wire.CODE, code).build().toString());
            other.settle();
            assertEquals(List.of(Wire.DONE), other.replies().get(other.replies().size() - 1).keywords(Wire.STATUS),
                    other.replies()::toString);
        }
    }

    @Test
    void callsArriveOnTheRequestUntilItsCountEndsIt() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"trace\" :id 1 :spec \"" + PARSE + "\" :count 2)");
            Plist started = awaitReplies(c, r -> !r.isEmpty()).get(0);
            assertEquals("java.util.logging.Level::parse", started.string("tracing").orElseThrow(), started::toString);

            eval("java.util.logging.Level.parse(\"INFO\"); java.util.logging.Level.parse(\"FINE\");");
            List<Plist> replies = awaitReplies(c, TraceInMemoryTest::ended);
            TraceCall first = TraceCall.from(Plist.from((Sexp) replies.get(1).get("call").orElseThrow()));
            assertEquals(List.of("\"INFO\""), first.args());
            assertEquals("INFO", first.value().orElseThrow());
            Plist last = replies.get(replies.size() - 1);
            assertEquals(List.of(Wire.DONE), last.keywords(Wire.STATUS));
            assertEquals("2 calls traced", last.string("reason").orElseThrow());
            assertEquals(2, last.integer("shown").orElseThrow());
            assertEquals(0, last.integer("dropped").orElseThrow());
        }
    }

    @Test
    void whatCannotBeTracedIsSaidBeforeAnythingIsTraced() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"trace\" :id 1 :spec \"Level.parse\")");
            c.sendFrame("(:op \"trace\" :id 2 :spec \"Nowhere::run\")"); // a full name would wait for the class
            c.sendFrame("(:op \"trace\" :id 3 :spec \"java.util.logging.Level::parsee\")");
            c.sendFrame("(:op \"trace\" :id 4 :spec \"java.lang.String::length\")");
            c.sendFrame("(:op \"trace\" :id 5 :spec \"" + PARSE + "\" :where \"args[0].lenght() > 2\")");
            c.sendFrame("(:op \"trace\" :id 6 :spec \"" + PARSE + "\" :count 0)");
            List<Plist> replies = awaitReplies(c, r -> r.size() == 6).stream()
                    .sorted(Comparator.comparing(r -> r.integer(Wire.ID).orElse(0L))).toList(); // the bad count is refused at once
            replies.subList(0, 5).forEach(r -> assertEquals(List.of(Wire.ERROR, Wire.TRACE_ERROR, Wire.DONE),
                    r.keywords(Wire.STATUS), r::toString));
            List<String> messages = replies.stream().map(r -> r.string(Wire.MESSAGE).orElse("")).toList();
            assertTrue(messages.get(0).startsWith("'Level.parse' is not a method to trace; write CLASS::METHOD"), messages.get(0));
            assertTrue(messages.get(1).startsWith("no loaded class is called Nowhere."), messages.get(1));
            assertTrue(messages.get(2).contains("no method of java.util.logging.Level matches"), messages.get(2));
            assertTrue(messages.get(2).contains("it declares: ") && messages.get(2).contains("parse"), messages.get(2));
            assertTrue(messages.get(3).contains("java.lang.String cannot be traced"), messages.get(3));
            assertTrue(messages.get(4).contains("--where, column"), messages.get(4));
            assertEquals(List.of(Wire.ERROR, Wire.BAD_REQUEST, Wire.DONE), replies.get(5).keywords(Wire.STATUS));
            assertEquals(List.of(), service.tracer().running().get());
        }
    }

    @Test
    void untraceEndsTheTraceAndAClientThatLeavesEndsItsOwn() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"trace\" :id 1 :spec \"" + PARSE + "\")");
            awaitReplies(c, r -> !r.isEmpty());
            c.sendFrame("(:op \"untrace\" :id 2)");
            List<Plist> replies = awaitReplies(c, r -> ended(r) && r.size() >= 3);
            assertTrue(replies.stream().anyMatch(r -> r.string("reason").orElse("").equals("untraced")), replies::toString);
        }
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.authenticateFramed();
            c.sendFrame("(:op \"trace\" :id 1 :spec \"" + PARSE + "\")");
            awaitReplies(c, r -> !r.isEmpty());
            assertEquals(1, service.tracer().running().get().size());
            c.shutdownInput();
            for (int i = 0; i < 100 && !service.tracer().running().get().isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertEquals(List.of(), service.tracer().running().get(), "the trace ended with its client");
        }
    }

    @Test
    void lineModeTracesWithSlashCommandsAndShowsCallsAsText() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes(c.token() + "\n/trace " + PARSE + " --count 1 --show result.intValue()\n");
            c.settle();
            assertTrue(c.text().contains(": java.util.logging.Level::parse; its calls show here"), c.text());
            c.sendBytes("java.util.logging.Level.parse(\"WARNING\")\n");
            for (int i = 0; i < 100 && !c.text().contains("ended ("); i++) {
                c.settle();
                Thread.sleep(50);
            }
            assertTrue(c.text().matches("(?s).*trace \\d+: \\S+ \\[\\S+\\] Level\\.parse\\(\"WARNING\"\\) shown: 900 in .*"),
                    c.text());
            assertTrue(c.text().contains(" ended (1 call traced): 1 call shown, 0 not shown\n"), c.text());
            c.sendBytes("/untrace 99\n");
            c.settle();
            assertTrue(c.text().endsWith("| no trace 99 of yours is running\n"), c.text());
        }
    }
}
