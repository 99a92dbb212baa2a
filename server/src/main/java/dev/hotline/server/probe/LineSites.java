package dev.hotline.server.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Where a source line's code starts in a class file, and which local variables are in scope there: the same
 * reading for the probe's compile (which names and types its expressions see) and for the weaving (which slots
 * it passes), so the two always agree. A line's code starts at its first line-number entry in a method; a line
 * split over a loop's header and body is probed where it first begins.
 */
final class LineSites {
    /** A local variable in scope at the line: its name, its type descriptor and its slot. */
    record Local(String name, String descriptor, int slot) {
        Type type() {
            return Type.getType(descriptor);
        }
    }

    /**
     * The line's start in one method.
     *
     * @param method name plus descriptor, {@code greet(Ljava/lang/String;)Ljava/lang/String;}
     * @param hasSelf whether {@code this} is there to pass (an instance method, past a constructor's start)
     * @param locals in scope at the line, {@code this} aside
     * @param namesKnown false when the class was compiled without local variable names ({@code -g}): the locals
     *     are then the arguments, named {@code p0}, {@code p1}...
     */
    record Site(String method, boolean hasSelf, List<Local> locals, boolean namesKnown) { }

    private LineSites() {
    }

    static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    /** Every method of {@code type} where {@code line} has code; empty when none has. */
    static List<Site> find(ClassNode type, int line) {
        List<Site> sites = new ArrayList<>();
        for (MethodNode method : type.methods) {
            LineNumberNode start = start(method, line);
            if (start != null) {
                sites.add(siteAt(method, start));
            }
        }
        return sites;
    }

    /** The lines of {@code type} that have code. */
    static SortedSet<Integer> linesWithCode(ClassNode type) {
        SortedSet<Integer> lines = new TreeSet<>();
        for (MethodNode method : type.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode n) {
                    lines.add(n.line);
                }
            }
        }
        return lines;
    }

    /** The first line-number entry of {@code line} in {@code method}, or null. */
    static LineNumberNode start(MethodNode method, int line) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode n && n.line == line) {
                return n;
            }
        }
        return null;
    }

    /** What is in scope where {@code start} begins its line. */
    static Site siteAt(MethodNode method, LineNumberNode start) {
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        boolean constructor = method.name.equals("<init>");
        String key = method.name + method.desc;
        if (method.localVariables == null || method.localVariables.isEmpty()) {
            List<Local> arguments = new ArrayList<>();
            int slot = isStatic ? 0 : 1;
            Type[] types = Type.getArgumentTypes(method.desc);
            for (int i = 0; i < types.length; i++) {
                arguments.add(new Local("p" + i, types[i].getDescriptor(), slot));
                slot += types[i].getSize();
            }
            return new Site(key, !isStatic && !constructor, arguments, false);
        }
        int at = method.instructions.indexOf(start.start);
        List<Local> locals = new ArrayList<>();
        for (LocalVariableNode local : method.localVariables) {
            boolean inScope = method.instructions.indexOf(local.start) <= at
                    && at < method.instructions.indexOf(local.end);
            if (inScope && !(local.index == 0 && !isStatic)) {
                locals.add(new Local(local.name, local.desc, local.index));
            }
        }
        locals.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
        return new Site(key, !isStatic && !constructor, locals, true);
    }
}
