package dev.hotline.server.eval;

import java.util.List;

/**
 * What became of one snippet of the input. Evaluation of an input stops at the first outcome that is not
 * {@link #succeeded()}.
 */
public sealed interface SnippetOutcome {

    /** The snippet's source as JShell evaluated it. */
    String source();

    default boolean succeeded() {
        return this instanceof Value || this instanceof Declared || this instanceof Ran;
    }

    /**
     * An expression or variable with a value; {@code name} is the variable's ({@code $1} for a bare expression),
     * null for a cached expression whose temporary variable has since been dropped (see {@code SnippetCache}).
     */
    record Value(String source, String name, String value, String type) implements SnippetOutcome { }

    /** A method, class, import or variable declaration, described as JShell's tool would ("created method f()"). */
    record Declared(String source, String description) implements SnippetOutcome { }

    /** A statement that ran and produced no value. */
    record Ran(String source) implements SnippetOutcome { }

    /** User code threw; {@code trace} is the stack without the evaluator's own frames. */
    record Threw(String source, String exceptionClass, String message, String trace) implements SnippetOutcome { }

    /** The snippet did not compile. */
    record Rejected(String source, List<Diagnostic> diagnostics) implements SnippetOutcome {
        /** The compiler's messages, one per line: {@code error: line 1, column 9: illegal start of expression}. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic d : diagnostics) {
                sb.append(d.error() ? "error: " : "warning: ").append("line ").append(d.line()).append(", column ")
                        .append(d.column()).append(": ").append(d.message()).append('\n');
            }
            return sb.length() > 0 ? sb.toString() : "error: the snippet does not compile\n";
        }
    }

    /** The input ended in the middle of a snippet (an open brace, a missing parenthesis...). */
    record Incomplete(String source) implements SnippetOutcome { }

    /** The evaluation was stopped by an interrupt request. */
    record Interrupted(String source) implements SnippetOutcome { }

    /** One compiler message; {@code line} and {@code column} are 1-based, in the whole input sent. */
    record Diagnostic(String message, long line, long column, boolean error) { }
}
