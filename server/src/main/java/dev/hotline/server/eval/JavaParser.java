package dev.hotline.server.eval;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * javac's parser over source in memory: syntax trees and their positions, nothing resolved, no class loaded. What
 * an editor's source is made of, for {@link DeclarationAt} and {@link PrecedingSnippet}.
 *
 * @param unit the compilation unit (the parser recovers from errors, so there is one even for broken source)
 * @param positions where its trees start and end, in characters
 * @param hasErrors whether the source had syntax errors
 */
record JavaParser(CompilationUnitTree unit, SourcePositions positions, boolean hasErrors) {

    /**
     * Parses {@code source}, a compilation unit.
     *
     * @throws IllegalStateException when the JVM has no Java compiler
     */
    static JavaParser parse(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this JVM has no Java compiler (jdk.compiler is missing)");
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Source.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        AtomicBoolean errors = new AtomicBoolean();
        JavacTask task = (JavacTask) javac.getTask(null, null,
                d -> errors.compareAndSet(false, d.getKind() == Diagnostic.Kind.ERROR), List.of("-proc:none"), null,
                List.of(file));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new JavaParser(unit, Trees.instance(task).getSourcePositions(), errors.get());
        } catch (IOException e) {
            throw new UncheckedIOException("a source in memory cannot fail to read", e);
        }
    }

    /** Whether {@code text} is one Java expression, by the grammar alone (its names need not exist). */
    static boolean isExpression(String text) {
        return !parse("class $ { Object $ = (\n" + text + "\n); }").hasErrors();
    }

    long start(Tree tree) {
        return positions.getStartPosition(unit, tree);
    }

    long end(Tree tree) {
        return positions.getEndPosition(unit, tree);
    }
}
