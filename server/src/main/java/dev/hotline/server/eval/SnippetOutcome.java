package dev.hotline.server.eval;

import java.util.List;

/**
 * What became of one snippet of the input. Evaluation of an input stops at the first outcome that is not
 * {@link #succeeded()}.
 *
 * <p>Code that treats outcomes differently by kind does it through {@link #accept(Visitor)}: a new kind of
 * outcome then fails to compile wherever it is not handled, instead of falling into some other branch.
 */
public sealed interface SnippetOutcome {

    /** The snippet's source as JShell evaluated it. */
    String source();

    /** Whether the snippet did what it said: it had a value, declared something, or ran. */
    boolean succeeded();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of outcome. */
    interface Visitor<R> {
        R value(Value value);

        R declared(Declared declared);

        R ran(Ran ran);

        R threw(Threw threw);

        R rejected(Rejected rejected);

        R incomplete(Incomplete incomplete);

        R interrupted(Interrupted interrupted);
    }

    /**
     * An expression or variable with a value; {@code name} is the variable's ({@code $1} for a bare expression),
     * null for a cached expression whose temporary variable has since been dropped (see {@code SnippetCache}).
     */
    record Value(String source, String name, String value, String type) implements SnippetOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.value(this);
        }
    }

    /** A method, class, import or variable declaration, described as JShell's tool would ("created method f()"). */
    record Declared(String source, String description) implements SnippetOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.declared(this);
        }
    }

    /** A statement that ran and produced no value. */
    record Ran(String source) implements SnippetOutcome {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ran(this);
        }
    }

    /** User code threw; {@code trace} is the stack without the evaluator's own frames. */
    record Threw(String source, String exceptionClass, String message, String trace) implements SnippetOutcome {
        /** The exception as one line: {@code java.lang.IllegalStateException: boom}. */
        public String condition() {
            return exceptionClass + (message != null ? ": " + message : "");
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.threw(this);
        }
    }

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

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.rejected(this);
        }
    }

    /** The input ended in the middle of a snippet (an open brace, a missing parenthesis...). */
    record Incomplete(String source) implements SnippetOutcome {
        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.incomplete(this);
        }
    }

    /** The evaluation was stopped by an interrupt request. */
    record Interrupted(String source) implements SnippetOutcome {
        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.interrupted(this);
        }
    }

    /** One compiler message; {@code line} and {@code column} are 1-based, in the whole input sent. */
    record Diagnostic(String message, long line, long column, boolean error) { }
}
