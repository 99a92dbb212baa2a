package dev.hotline.server.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
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
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Weaves the trace advice into methods of a class file. A woven method begins with
 * {@code call = TraceDispatcher.enter(ID, this, new Object[] {args...})}, kept in a new local; before each return
 * it calls {@code TraceDispatcher.returned(call, value)}; and a handler around its whole body calls
 * {@code TraceDispatcher.threw(call, exception)} and throws the exception on. Nothing else changes: no method,
 * field or line number is added or moved, which is what retransformation allows.
 *
 * <p>The class is read with its stack map frames expanded; each frame of a woven method gets the new local, and
 * the handler gets a frame of its own, so no frame is computed (which would need to load classes).
 */
final class TraceWeaver {
    private static final String DISPATCHER = Bytecode.DISPATCHER;
    private static final String OBJECT = "java/lang/Object";

    private TraceWeaver() {
    }

    /**
     * @param classFile the class's bytes, as the JVM would define them
     * @param ids the advice id of each method to weave, by name plus descriptor ({@code greet(Ljava/lang/String;)V})
     * @return the woven bytes
     */
    static byte[] weave(byte[] classFile, Map<String, Integer> ids) {
        ClassReader reader = new ClassReader(classFile);
        ClassNode node = new ClassNode();
        reader.accept(node, ClassReader.EXPAND_FRAMES);
        boolean hasFrames = (node.version & 0xFFFF) >= Opcodes.V1_6;
        for (MethodNode method : node.methods) {
            Integer id = ids.get(method.name + method.desc);
            if (id != null && method.instructions.size() > 0 && !method.name.startsWith("<")) {
                weave(method, id, hasFrames);
            }
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(writer);
        return writer.toByteArray();
    }

    private static void weave(MethodNode method, int id, boolean hasFrames) {
        int call = method.maxLocals;
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        LabelNode start = new LabelNode();
        InsnList enter = new InsnList();
        enter.add(new LdcInsnNode(id));
        enter.add(isStatic ? new InsnNode(Opcodes.ACONST_NULL) : new VarInsnNode(Opcodes.ALOAD, 0));
        argumentArray(enter, method.desc, isStatic ? 0 : 1);
        enter.add(new MethodInsnNode(Opcodes.INVOKESTATIC, DISPATCHER, "enter",
                "(IL" + OBJECT + ";[L" + OBJECT + ";)L" + OBJECT + ";", false));
        enter.add(new VarInsnNode(Opcodes.ASTORE, call));
        enter.add(start);

        Type returnType = Type.getReturnType(method.desc);
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN) {
                method.instructions.insertBefore(insn, returned(returnType, call));
            } else if (hasFrames && insn instanceof FrameNode frame) {
                frame.local = withCall(frame.local, call);
            }
        }
        method.instructions.insert(enter);

        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        InsnList threw = new InsnList();
        threw.add(end);
        threw.add(handler);
        if (hasFrames) {
            threw.add(new FrameNode(Opcodes.F_NEW, call + 1, withCall(List.of(), call).toArray(), 1,
                    new Object[] {"java/lang/Throwable"}));
        }
        threw.add(new InsnNode(Opcodes.DUP));
        threw.add(new VarInsnNode(Opcodes.ALOAD, call));
        threw.add(new InsnNode(Opcodes.SWAP));
        threw.add(new MethodInsnNode(Opcodes.INVOKESTATIC, DISPATCHER, "threw",
                "(L" + OBJECT + ";Ljava/lang/Throwable;)V", false));
        threw.add(new InsnNode(Opcodes.ATHROW));
        method.instructions.add(threw);
        method.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, "java/lang/Throwable"));
        method.maxLocals = call + 1;
    }

    /** Pushes {@code new Object[] {arg0, arg1...}}, primitives boxed. */
    private static void argumentArray(InsnList code, String descriptor, int firstSlot) {
        List<Type> types = List.of(Type.getArgumentTypes(descriptor));
        List<Integer> slots = new ArrayList<>();
        int slot = firstSlot;
        for (Type type : types) {
            slots.add(slot);
            slot += type.getSize();
        }
        Bytecode.boxedLocals(code, types, slots);
    }

    /** {@code TraceDispatcher.returned(call, value)}, leaving the value to be returned on the stack. */
    private static InsnList returned(Type type, int call) {
        InsnList code = new InsnList();
        if (type.getSort() == Type.VOID) {
            code.add(new InsnNode(Opcodes.ACONST_NULL));
        } else {
            code.add(new InsnNode(type.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP));
            Bytecode.box(code, type);
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, call));
        code.add(new InsnNode(Opcodes.SWAP));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, DISPATCHER, "returned",
                "(L" + OBJECT + ";L" + OBJECT + ";)V", false));
        return code;
    }

    /** A frame's locals with the call's local added at slot {@code call}, the slots between left unset. */
    private static List<Object> withCall(List<Object> locals, int call) {
        List<Object> out = new ArrayList<>(locals == null ? List.of() : locals);
        int slots = 0;
        for (Object local : out) {
            slots += local == Opcodes.LONG || local == Opcodes.DOUBLE ? 2 : 1;
        }
        for (; slots < call; slots++) {
            out.add(Opcodes.TOP);
        }
        out.add(OBJECT);
        return out;
    }
}
