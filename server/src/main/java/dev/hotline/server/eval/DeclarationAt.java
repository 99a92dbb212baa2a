package dev.hotline.server.eval;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.List;
import java.util.Optional;

/**
 * The declaration of a Java source file that holds a position, found by javac's parser: what an editor's
 * "evaluate the definition at point" ({@code C-c C-c}) sends and what "trace the method at point" traces. It is
 * the innermost method or field of a class around the position, or that class when the position is in none of
 * its members (on its header, between members). Local and anonymous classes count as part of their method.
 */
public final class DeclarationAt {
    /** What was found. */
    public enum Kind { METHOD, FIELD, CLASS }

    /**
     * One declaration.
     *
     * @param start its first character (its annotations and modifiers included)
     * @param end just after its last character
     * @param className the binary name of the class that declares it (of the class itself for a class)
     * @param name the method's or field's name, or the class's simple name
     * @param traceSpec for a method, how {@code trace} names it: {@code CLASS::NAME}, with the parameter types
     *     when the class declares other methods of that name; empty for fields and classes
     */
    public record Declaration(Kind kind, int start, int end, String className, String name, String traceSpec) {
    }

    private final JavaParser parsed;

    private DeclarationAt(JavaParser parsed) {
        this.parsed = parsed;
    }

    /**
     * The declaration of {@code source} (a compilation unit) that holds {@code cursor}, a character offset.
     *
     * @return it, or empty when the cursor is outside every class (on an import, past the end)
     * @throws IllegalStateException when the JVM has no Java compiler
     */
    public static Optional<Declaration> find(String source, int cursor) {
        DeclarationAt finder = new DeclarationAt(JavaParser.parse(source));
        CompilationUnitTree unit = finder.parsed.unit();
        String prefix = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree c && finder.holds(c, cursor)) {
                return Optional.of(finder.inClass(c, prefix + c.getSimpleName(), cursor));
            }
        }
        return Optional.empty();
    }

    private Declaration inClass(ClassTree c, String binaryName, int cursor) {
        for (Tree member : c.getMembers()) {
            if (!holds(member, cursor)) {
                continue;
            }
            if (member instanceof ClassTree nested) {
                return inClass(nested, binaryName + "$" + nested.getSimpleName(), cursor);
            }
            if (member instanceof MethodTree m) {
                return declaration(Kind.METHOD, m, binaryName, m.getName().toString(), traceSpec(c, m, binaryName));
            }
            if (member instanceof VariableTree v) {
                return declaration(Kind.FIELD, v, binaryName, v.getName().toString(), "");
            }
        }
        return declaration(Kind.CLASS, c, binaryName, c.getSimpleName().toString(), "");
    }

    private Declaration declaration(Kind kind, Tree tree, String className, String name, String traceSpec) {
        return new Declaration(kind, (int) parsed.start(tree), (int) parsed.end(tree), className, name, traceSpec);
    }

    /** {@code CLASS::NAME}, with its parameter types as written (generics dropped) when the name is overloaded. */
    private static String traceSpec(ClassTree c, MethodTree m, String binaryName) {
        String name = m.getName().toString();
        long sameName = c.getMembers().stream().filter(t -> t instanceof MethodTree other && other.getName().contentEquals(name))
                .count();
        if (sameName == 1) {
            return binaryName + "::" + name;
        }
        List<String> types = m.getParameters().stream()
                .map(p -> p.getType().toString().replaceAll("<.*>", "").replace("...", "[]")).toList();
        return binaryName + "::" + name + "(" + String.join(",", types) + ")";
    }

    private boolean holds(Tree tree, int cursor) {
        long start = parsed.start(tree);
        long end = parsed.end(tree);
        return start >= 0 && start <= cursor && cursor <= end;
    }
}
