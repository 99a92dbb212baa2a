package dev.hotline.server.trace;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/** What every probe's weaving emits alike. */
public final class Bytecode {
    /** The class woven code calls, in the boot class path: {@link dev.hotline.boot.TraceDispatcher}. */
    public static final String DISPATCHER = "dev/hotline/boot/TraceDispatcher";

    private Bytecode() {
    }

    /** Boxes the value of {@code type} on the stack ({@code Integer.valueOf} and friends); references stay. */
    public static void box(InsnList code, Type type) {
        String boxed = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (boxed != null) {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, boxed, "valueOf",
                    "(" + type.getDescriptor() + ")L" + boxed + ";", false));
        }
    }

    /** Pushes {@code new Object[] {...}} holding the locals of {@code types} at {@code slots}, primitives boxed. */
    public static void boxedLocals(InsnList code, List<Type> types, List<Integer> slots) {
        code.add(new LdcInsnNode(types.size()));
        code.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        for (int i = 0; i < types.size(); i++) {
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new LdcInsnNode(i));
            code.add(new VarInsnNode(types.get(i).getOpcode(Opcodes.ILOAD), slots.get(i)));
            box(code, types.get(i));
            code.add(new InsnNode(Opcodes.AASTORE));
        }
    }
}
