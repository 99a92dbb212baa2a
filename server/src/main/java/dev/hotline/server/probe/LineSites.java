package dev.hotline.server.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

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
     * @param fingerprint the line's code, by which a hot reload's bytes are searched for it ({@link #fingerprint})
     */
    record Site(String method, boolean hasSelf, List<Local> locals, boolean namesKnown, String fingerprint) {
        /** The locals' names and types, as one string: what a probe compiled for this site reads. */
        String localsKey() {
            StringBuilder key = new StringBuilder();
            locals.forEach(local -> key.append(local.name()).append(local.descriptor()).append(' '));
            return key.toString();
        }
    }

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

    /**
     * What a line's code does, without where it is: its instructions up to the next line, with the methods,
     * fields, types and constants they name but not their local variable slots. A line moved by a hot reload
     * (lines added above it) has the same fingerprint at its new number.
     */
    static String fingerprint(LineNumberNode start) {
        StringBuilder print = new StringBuilder();
        for (AbstractInsnNode insn = start.getNext(); insn != null && !(insn instanceof LineNumberNode);
                insn = insn.getNext()) {
            if (insn.getOpcode() < 0) {
                continue;
            }
            print.append(insn.getOpcode());
            if (insn instanceof MethodInsnNode m) {
                print.append(' ').append(m.owner).append('.').append(m.name).append(m.desc);
            } else if (insn instanceof FieldInsnNode f) {
                print.append(' ').append(f.owner).append('.').append(f.name);
            } else if (insn instanceof TypeInsnNode t) {
                print.append(' ').append(t.desc);
            } else if (insn instanceof LdcInsnNode l) {
                print.append(' ').append(l.cst);
            } else if (insn instanceof IntInsnNode i) {
                print.append(' ').append(i.operand);
            } else if (insn instanceof InvokeDynamicInsnNode d) {
                print.append(' ').append(d.name).append(d.desc).append(Arrays.toString(d.bsmArgs));
            }
            print.append(';');
        }
        return print.toString();
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
            return new Site(key, !isStatic && !constructor, arguments, false, fingerprint(start));
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
        return new Site(key, !isStatic && !constructor, locals, true, fingerprint(start));
    }
}
