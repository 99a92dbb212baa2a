package dev.hotline.server.probe;

import dev.hotline.server.trace.Bytecode;
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
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves line probes into a class file: before the first instruction of a probed line it adds
 * {@code TraceDispatcher.line(ID, this, new Object[] {locals...})}, with the locals {@link LineSites} finds in
 * scope there. Nothing else changes: no branch, local, frame or line number is added or moved, so the class's
 * stack map frames stay valid as they are.
 */
final class LineWeaver {
    private LineWeaver() {
    }

    /**
     * @param classFile the class's bytes, as the JVM would define them
     * @param ids the probe id of each site, by {@link #key}
     * @return the woven bytes, or null when no site of {@code ids} is in the class
     */
    static byte[] weave(byte[] classFile, Map<String, Integer> ids) {
        ClassNode node = LineSites.read(classFile);
        boolean woven = false;
        for (MethodNode method : node.methods) {
            for (AbstractInsnNode insn : method.instructions.toArray()) {
                if (insn instanceof LineNumberNode line && LineSites.start(method, line.line) == line) {
                    LineSites.Site site = LineSites.siteAt(method, line);
                    Integer id = ids.get(key(site, line.line));
                    if (id != null) {
                        method.instructions.insertBefore(firstInstruction(line), hit(id, site));
                        woven = true;
                    }
                }
            }
        }
        if (!woven) {
            return null;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return writer.toByteArray();
    }

    /**
     * How a site is named in the plan: method (name plus descriptor), line and the locals in scope, so that a hot
     * reload that changes what is in scope there leaves the line unprobed rather than passing the probe locals it
     * was not compiled for.
     */
    static String key(LineSites.Site site, int line) {
        StringBuilder key = new StringBuilder(site.method()).append(':').append(line);
        site.locals().forEach(local -> key.append(' ').append(local.name()).append(local.descriptor()));
        return key.toString();
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
        code.add(new LdcInsnNode(site.locals().size()));
        code.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        for (int i = 0; i < site.locals().size(); i++) {
            LineSites.Local local = site.locals().get(i);
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new LdcInsnNode(i));
            code.add(new VarInsnNode(local.type().getOpcode(Opcodes.ILOAD), local.slot()));
            Bytecode.box(code, local.type());
            code.add(new InsnNode(Opcodes.AASTORE));
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Bytecode.DISPATCHER, "line",
                "(ILjava/lang/Object;[Ljava/lang/Object;)V", false));
        return code;
    }
}
