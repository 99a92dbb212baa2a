package dev.hotline.server.eval;

/**
 * A declaration a fresh JShell must hold to continue a session: its source and, for a variable whose value
 * can move between two JShells of this JVM, that value. A moved value keeps the variable's state (a map
 * filled over days stays filled); without one the source is evaluated again, which re-runs the initializer.
 *
 * @param source the snippet's source, as typed
 * @param variable the variable's name, type and value to carry over, or null to evaluate {@code source}
 */
public record LiveDeclaration(String source, CarriedVariable variable) {

    /**
     * @param name the variable's name
     * @param type its type as JShell prints it, used to declare it again without an initializer
     * @param value its current value, an object of a class the fresh JShell also sees; null also where the
     *        value stays in the service while a compile host declares the variable again
     */
    public record CarriedVariable(String name, String type, Object value) { }

    /**
     * A live declaration as JShell knows it, before its value is looked at.
     *
     * @param source the snippet's source
     * @param variable the name of the variable it declares, when it is a valid variable; else null
     * @param type that variable's type; null with it
     */
    public record Entry(String source, String variable, String type) {
        /** This declaration with its variable's value, where {@code execution} says the value can move. */
        public LiveDeclaration withValueFrom(SnippetExecution execution) {
            return new LiveDeclaration(source,
                    variable == null ? null : execution.carried(variable, type).orElse(null));
        }
    }
}
