package dev.hotline.server.probe;

import dev.hotline.server.trace.Bytecode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves line probes into a class file: before the first instruction of a probed line it adds
 * {@code TraceDispatcher.line(ID, this, new Object[] {locals...})}, with the locals {@link LineSites} finds in
 * scope there. Nothing else changes: no branch, local, frame or line number is added or moved, so the class's
 * stack map frames stay valid as they are.
 *
 * <p>Each probed line is found again in the bytes given, which a hot reload may have changed: at its line when
 * that line still has the same code and locals, else at the nearest line of its method that has them (the line
 * moved), else nowhere (it is gone, and not woven).
 */
final class LineWeaver {
    /**
     * A probed line as the plan has it.
     *
     * @param method name plus descriptor
     * @param locals the {@link LineSites.Site#localsKey} its probes were compiled for
     * @param fingerprint its code's {@link LineSites#fingerprint}
     */
    record Planned(int id, String method, int line, String locals, String fingerprint) {
    }

    /**
     * @param classFile the woven bytes, or null when no planned line was found
     * @param lines where each planned line is now, by id: its line number, or -1 when it is gone
     */
    record Woven(byte[] classFile, Map<Integer, Integer> lines) {
    }

    private LineWeaver() {
    }

    /** @param classFile the class's bytes, as the JVM would define them */
    static Woven weave(byte[] classFile, List<Planned> planned) {
        ClassNode node = LineSites.read(classFile);
        Map<Integer, Integer> lines = new HashMap<>();
        for (Planned p : planned) {
            lines.put(p.id(), -1);
        }
        for (MethodNode method : node.methods) {
            String key = method.name + method.desc;
            Map<Planned, LineNumberNode> found = new HashMap<>(); // all found first: weaving changes the code
            for (Planned p : planned) {
                LineNumberNode at = p.method().equals(key) ? find(method, p) : null;
                if (at != null) {
                    found.put(p, at);
                }
            }
            found.forEach((p, at) -> {
                method.instructions.insertBefore(firstInstruction(at), hit(p.id(), LineSites.siteAt(method, at)));
                lines.put(p.id(), at.line);
            });
        }
        if (lines.values().stream().noneMatch(line -> line > 0)) {
            return new Woven(null, lines);
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return new Woven(writer.toByteArray(), lines);
    }

    private static boolean matches(LineSites.Site site, Planned planned) {
        return site.fingerprint().equals(planned.fingerprint()) && site.localsKey().equals(planned.locals());
    }

    /** Where {@code planned} starts in {@code method}: at its line if it is still there, else the nearest. */
    private static LineNumberNode find(MethodNode method, Planned planned) {
        LineNumberNode nearest = null;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode line && LineSites.start(method, line.line) == line
                    && matches(LineSites.siteAt(method, line), planned)
                    && (nearest == null
                            || Math.abs(line.line - planned.line()) < Math.abs(nearest.line - planned.line()))) {
                nearest = line;
            }
        }
        return nearest;
    }

    /** The line's first real instruction: after its label, line number and frame, so a jump to it runs the probe. */
    private static AbstractInsnNode firstInstruction(LineNumberNode line) {
        AbstractInsnNode insn = line.getNext();
        while (insn.getOpcode() < 0) {
            insn = insn.getNext();
        }
        return insn;
    }

    private static InsnList hit(int id, LineSites.Site site) {
        InsnList code = new InsnList();
        code.add(new LdcInsnNode(id));
        code.add(site.hasSelf() ? new VarInsnNode(Opcodes.ALOAD, 0) : new InsnNode(Opcodes.ACONST_NULL));
        Bytecode.boxedLocals(code, site.locals().stream().map(LineSites.Local::type).toList(),
                site.locals().stream().map(LineSites.Local::slot).toList());
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Bytecode.DISPATCHER, "line",
                "(ILjava/lang/Object;[Ljava/lang/Object;)V", false));
        return code;
    }
}
