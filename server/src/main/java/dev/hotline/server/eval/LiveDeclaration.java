package dev.hotline.server.eval;

/**
 * A declaration a fresh JShell must hold to continue a session: its source and, for a variable whose value
 * can move between two JShells of this JVM, that value. A moved value keeps the variable's state (a map
 * filled over days stays filled); without one the source is evaluated again, which re-runs the initializer.
 *
 * @param source the snippet's source, as typed
 * @param variable the variable's name, type and value to carry over, or null to evaluate {@code source}
 */
record LiveDeclaration(String source, CarriedVariable variable) {

    /**
     * @param name the variable's name
     * @param type its type as JShell prints it, used to declare it again without an initializer
     * @param value its current value, an object of a class the fresh JShell also sees
     */
    record CarriedVariable(String name, String type, Object value) { }
}
