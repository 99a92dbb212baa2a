package dev.hotline.server.probe;

import dev.hotline.server.trace.Bytecode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves catch probes into a class file: each source line of a caught method gets an exception handler of its
 * own, last in the method's exception table (so the method's own {@code catch} and {@code finally} come first),
 * which calls {@code TraceDispatcher.caught(thrown, ID, this, LINE, "NAMES", new Object[] {locals...})} and
 * throws the exception on. The handler passes the locals whose scope covers its whole line: those are
 * assigned at every instruction it covers, so its stack map frame holds for all of them, and the JVM verifies
 * the woven class as it did the original.
 */
final class CatchWeaver {
    private static final String THROWABLE = "java/lang/Throwable";

    /** A caught method as the plan has it: its handlers' id, and its name plus descriptor. */
    record Planned(int id, String method) {
    }

    /**
     * @param classFile the woven bytes, or null when no planned method was found
     * @param found the ids of the planned methods found in the bytes
     */
    record Woven(byte[] classFile, Set<Integer> found) {
    }

    /** The code of one source line in a method, and the locals in scope over all of it. */
    private record LineCode(LabelNode start, LabelNode end, int line, List<LineSites.Local> locals) {
    }

    private CatchWeaver() {
    }

    /** Why {@code method} cannot be caught, or null when it can. */
    static String unweavable(MethodNode method) {
        if (method.name.equals("<init>")) {
            return "a constructor's exceptions cannot be caught (its this is not ready at every line); catch the"
                    + " method that calls it";
        }
        if (method.instructions.size() == 0) {
            return "it has no code (abstract or native)";
        }
        boolean lines = false;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.JSR) {
                return "its class file is too old (it uses JSR subroutines)";
            }
            lines |= insn instanceof LineNumberNode;
        }
        return lines ? null : "its class was compiled without line numbers (javac -g:none), so there is no line to"
                + " tell where an exception left from; trace it instead, which shows what it threw";
    }

    /** @param classFile the class's bytes, as the JVM would define them */
    static Woven weave(byte[] classFile, List<Planned> planned) {
        ClassNode node = LineSites.read(classFile);
        boolean frames = (node.version & 0xFFFF) >= Opcodes.V1_6;
        Set<Integer> found = new TreeSet<>();
        for (MethodNode method : node.methods) {
            for (Planned p : planned) {
                if (p.method().equals(method.name + method.desc) && unweavable(method) == null) {
                    addHandlers(node.name, method, p.id(), frames);
                    found.add(p.id());
                }
            }
        }
        if (found.isEmpty()) {
            return new Woven(null, found);
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return new Woven(writer.toByteArray(), found);
    }

    /** The method's arguments, named as its local variable table has them, else {@code p0}, {@code p1}... */
    static List<LineSites.Local> arguments(MethodNode method) {
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        List<LineSites.Local> arguments = new ArrayList<>();
        int slot = isStatic ? 0 : 1;
        Type[] types = Type.getArgumentTypes(method.desc);
        for (int i = 0; i < types.length; i++) {
            String name = "p" + i;
            for (LocalVariableNode local : method.localVariables == null ? List.<LocalVariableNode>of()
                    : method.localVariables) {
                if (local.index == slot && local.desc.equals(types[i].getDescriptor())) {
                    name = local.name;
                    break;
                }
            }
            arguments.add(new LineSites.Local(name, types[i].getDescriptor(), slot));
            slot += types[i].getSize();
        }
        return arguments;
    }

    private static void addHandlers(String owner, MethodNode method, int id, boolean frames) {
        boolean hasSelf = (method.access & Opcodes.ACC_STATIC) == 0;
        LabelNode end = new LabelNode();
        method.instructions.add(end);
        for (LineCode code : lines(method, end)) {
            LabelNode handler = new LabelNode();
            InsnList insns = new InsnList();
            insns.add(handler);
            if (frames) {
                Object[] locals = frameLocals(owner, hasSelf, code.locals());
                insns.add(new FrameNode(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {THROWABLE}));
            }
            insns.add(new InsnNode(Opcodes.DUP));
            insns.add(new LdcInsnNode(id));
            insns.add(hasSelf ? new VarInsnNode(Opcodes.ALOAD, 0) : new InsnNode(Opcodes.ACONST_NULL));
            insns.add(new LdcInsnNode(code.line()));
            insns.add(new LdcInsnNode(String.join(",", code.locals().stream().map(LineSites.Local::name).toList())));
            Bytecode.boxedLocals(insns, code.locals().stream().map(LineSites.Local::type).toList(),
                    code.locals().stream().map(LineSites.Local::slot).toList());
            insns.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Bytecode.DISPATCHER, "caught",
                    "(Ljava/lang/Throwable;ILjava/lang/Object;ILjava/lang/String;[Ljava/lang/Object;)V", false));
            insns.add(new InsnNode(Opcodes.ATHROW));
            method.instructions.add(insns);
            method.tryCatchBlocks.add(new TryCatchBlockNode(code.start(), code.end(), handler, THROWABLE));
        }
    }

    /** Each line's code, from its line-number entry to the next one's (or {@code end}), with instructions in it. */
    private static List<LineCode> lines(MethodNode method, LabelNode end) {
        List<LineNumberNode> entries = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode n) {
                entries.add(n);
            }
        }
        entries.sort((a, b) -> Integer.compare(method.instructions.indexOf(a.start),
                method.instructions.indexOf(b.start)));
        List<LineSites.Local> arguments = arguments(method);
        List<LineCode> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            LabelNode start = entries.get(i).start;
            LabelNode stop = i + 1 < entries.size() ? entries.get(i + 1).start : end;
            int first = firstReal(method, start, stop);
            if (first < 0) {
                continue;
            }
            int last = lastReal(method, start, stop);
            List<LineSites.Local> locals = method.localVariables == null || method.localVariables.isEmpty()
                    ? arguments : inScopeThroughout(method, first, last);
            lines.add(new LineCode(start, stop, entries.get(i).line, locals));
        }
        return lines;
    }

    private static int firstReal(MethodNode method, LabelNode start, LabelNode stop) {
        for (AbstractInsnNode insn = start; insn != null && insn != stop; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                return method.instructions.indexOf(insn);
            }
        }
        return -1;
    }

    private static int lastReal(MethodNode method, LabelNode start, LabelNode stop) {
        int last = -1;
        for (AbstractInsnNode insn = start; insn != null && insn != stop; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                last = method.instructions.indexOf(insn);
            }
        }
        return last;
    }

    /** The locals (this aside) whose scope covers every instruction from {@code first} to {@code last}. */
    private static List<LineSites.Local> inScopeThroughout(MethodNode method, int first, int last) {
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        List<LineSites.Local> locals = new ArrayList<>();
        for (LocalVariableNode local : method.localVariables) {
            if (method.instructions.indexOf(local.start) <= first && last < method.instructions.indexOf(local.end)
                    && !(local.index == 0 && !isStatic)) {
                locals.add(new LineSites.Local(local.name, local.desc, local.index));
            }
        }
        locals.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
        return locals;
    }

    /** The handler's frame: {@code this}, the locals it passes, and nothing (TOP) in the other slots. */
    private static Object[] frameLocals(String owner, boolean hasSelf, List<LineSites.Local> locals) {
        List<Object> frame = new ArrayList<>();
        int slot = 0;
        if (hasSelf) {
            frame.add(owner);
            slot = 1;
        }
        for (LineSites.Local local : locals) {
            while (slot < local.slot()) {
                frame.add(Opcodes.TOP);
                slot++;
            }
            frame.add(verificationType(local.type()));
            slot += local.type().getSize();
        }
        return frame.toArray();
    }

    private static Object verificationType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }
}
