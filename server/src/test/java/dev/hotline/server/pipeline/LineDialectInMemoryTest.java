package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Line mode in memory: lines of Java in, plain text out, commands after a slash. */
class LineDialectInMemoryTest extends InMemoryServiceTest {
    private static String lines(String input) throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes(c.token() + "\n" + input);
            c.settle();
            return c.text();
        }
    }

    @Test
    void linesAccumulateUntilTheSnippetIsComplete() throws Exception {
        assertEquals("| created method twice(int)\n12\n", lines("int twice(int n) {\n  return 2 * n;\n}\ntwice(6)\n"));
    }

    @Test
    void outputComesBeforeTheValueAndErrorsSaySo() throws Exception {
        String text = lines("System.out.println(\"out\"); 5\nInteger.parseInt(\"x\")\n");
        assertTrue(text.startsWith("out\n5\nerror: java.lang.NumberFormatException"), text);
    }

    @Test
    void slashCommandsAnswerInPlainText() throws Exception {
        String text = lines("/help\n/nosuch\n");
        assertTrue(text.contains("/vars"), text);
        assertTrue(text.endsWith("error: unknown command /nosuch; /help lists the commands\n"), text);
    }

    @Test
    void anOverlongLineIsSkippedAndTheNextAnswered() throws Exception {
        String text = lines("\"" + "x".repeat(2000) + "\"\n1+1\n");
        assertEquals("error: line longer than " + MAX_FRAME + " bytes, ignored\n2\n", text);
    }

    @Test
    void inputThatEndsInsideASnippetIsReportedAndTheConnectionCloses() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes(c.token() + "\nint y = (1 +\n");
            c.shutdownInput();
            c.settle();
            assertEquals("error: input ended inside an unfinished snippet:\nint y = (1 +\n", c.text());
            assertFalse(c.isOpen());
        }
    }
}
