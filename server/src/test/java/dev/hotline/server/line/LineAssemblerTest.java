package dev.hotline.server.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotline.server.eval.Completeness;
import java.util.Optional;
import java.util.function.Predicate;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How lines become commands and snippets, with JShell's real completeness analysis. */
class LineAssemblerTest {
    private static JShell jshell;
    private static Predicate<String> isComplete;

    private final LineAssembler lines = new LineAssembler(100);

    @BeforeAll
    static void startJShell() {
        jshell = JShell.builder().executionEngine("local").build();
        isComplete = code -> Completeness.isComplete(jshell.sourceCodeAnalysis(), code);
    }

    @AfterAll
    static void closeJShell() {
        jshell.close();
    }

    private Optional<LineAssembler.Input> accept(String line) {
        return lines.accept(line, isComplete);
    }

    @Test
    void aSnippetRunsWhenItsLastLineArrives() {
        assertEquals(Optional.empty(), accept("int twice(int x) {"));
        assertEquals(Optional.empty(), accept("  return 2 * x;"));
        assertEquals(Optional.of(new LineAssembler.Input.Snippet("int twice(int x) {\n  return 2 * x;\n}\n")),
                accept("}"));
    }

    @Test
    void everySnippetOfALineMustBeCompleteNotJustTheFirst() {
        assertEquals(Optional.empty(), accept("int a = 1; int b = (2"));
        assertEquals(Optional.of(new LineAssembler.Input.Snippet("int a = 1; int b = (2\n+ 3);\n")), accept("+ 3);"));
    }

    @Test
    void aSlashLineIsACommandOnlyOutsideASnippet() {
        assertEquals(Optional.of(new LineAssembler.Input.Command("/vars")), accept("/vars"));
        assertEquals(Optional.empty(), accept("int half = (10"));
        assertEquals(Optional.of(new LineAssembler.Input.Snippet("int half = (10\n/ 2);\n")), accept("/ 2);"));
    }

    @Test
    void blankLinesOutsideASnippetAreSkippedAndKeptInsideOne() {
        assertEquals(Optional.empty(), accept("   "));
        assertEquals("", lines.pending());
        assertEquals(Optional.empty(), accept("String s = \"\"\""));
        assertEquals(Optional.empty(), accept(""));
        assertEquals("String s = \"\"\"\n\n", lines.pending());
    }

    @Test
    void aSnippetPastTheLimitOrMissingALineIsDiscarded() {
        assertEquals(Optional.empty(), accept("String s = \"\"\""));
        assertEquals(Optional.empty(), accept("x".repeat(80)));
        assertEquals(Optional.of(new LineAssembler.Input.Discarded(15 + 81 + 81)), accept("y".repeat(80)));
        assertEquals("", lines.pending());
        assertEquals(Optional.empty(), lines.lineSkipped(), "a skipped line outside a snippet costs nothing else");
        accept("int[] a = {");
        assertEquals(Optional.of(new LineAssembler.Input.Discarded(12)), lines.lineSkipped());
    }
}
