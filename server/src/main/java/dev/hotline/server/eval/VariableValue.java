package dev.hotline.server.eval;

/**
 * The object a session variable holds right now (null included), for a client that looks inside it: the
 * {@code $1} JShell makes of an expression's value, or a declared variable.
 *
 * @param value the variable's value; primitives come boxed
 */
public record VariableValue(Object value) {
}
