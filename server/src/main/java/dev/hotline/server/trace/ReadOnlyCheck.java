package dev.hotline.server.trace;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Scans a probe's compiled expressions ({@code --where}, {@code --show}, a logpoint's message) before anything is
 * woven, so that looking at the service cannot change it: a store into a field or an array the expressions did
 * not create, a static store, a lock, or a call outside {@link ReadOnlyCalls} is refused, naming the instruction.
 * {@code --unsafe} skips the check.
 */
public final class ReadOnlyCheck {
    /** What a refusal adds: what may be done, and how to do more. */
    public static final String ONLY_READS = "Probes may only read: getters, record accessors, and the read methods of"
            + " java.lang, java.util and java.time; --unsafe lifts the check (the audit log records it)";
    private static final Set<String> PURE_BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods",
            "java/lang/runtime/SwitchBootstraps");

    /**
     * Where the expressions might change state.
     *
     * @param line the line of the probe's source the instruction came from (0 when unknown)
     * @param instruction the instruction, as Java would say it: {@code java.util.List.clear()}
     * @param what what it would do: {@code calls}, {@code stores into the field}...
     */
    public record Violation(int line, String instruction, String what) {
        /** In words, for the error: {@code calls java.util.List.clear(), which may change the service's state}. */
        public String describe() {
            return what + " " + instruction + ", which may change the service's state";
        }
    }

    private ReadOnlyCheck() {
    }

    /**
     * @param classes the compiled probe's classes, by binary name; calls between them are allowed (they are
     *     scanned too)
     * @param loader the probed class's loader, which resolves the application's classes the expressions call
     * @return the first violation, or empty when the expressions only read
     */
    public static Optional<Violation> find(Map<String, byte[]> classes, ClassLoader loader) {
        ReadOnlyCalls calls = new ReadOnlyCalls(loader);
        Set<String> own = classes.keySet().stream().map(n -> n.replace('.', '/')).collect(Collectors.toSet());
        for (byte[] bytes : classes.values()) {
            ClassNode type = new ClassNode();
            new ClassReader(bytes).accept(type, 0);
            for (MethodNode method : type.methods) {
                Optional<Violation> found = scan(type.name, method, own, calls);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> scan(String owner, MethodNode method, Set<String> own, ReadOnlyCalls calls) {
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        } catch (AnalyzerException e) {
            return Optional.of(new Violation(0, owner + "." + method.name, "cannot analyse"));
        }
        MethodScan scan = new MethodScan(method, frames, own, calls);
        int line = 0;
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i] instanceof LineNumberNode n) {
                line = n.line;
            }
            Violation found = frames[i] == null ? null : scan.problem(insns[i], frames[i], line);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** One method of the probe, with what the analysis knows of where each value came from. */
    private record MethodScan(MethodNode method, Frame<SourceValue>[] frames, Set<String> own, ReadOnlyCalls calls) {
        private static final int MAX_DEPTH = 16;

        /** What {@code insn} might change, or null. */
        Violation problem(AbstractInsnNode insn, Frame<SourceValue> frame, int line) {
            int op = insn.getOpcode();
            int top = frame.getStackSize() - 1;
            if (op == Opcodes.PUTSTATIC) {
                FieldInsnNode f = (FieldInsnNode) insn;
                return own.contains(f.owner) ? null
                        : new Violation(line, javaName(f.owner) + "." + f.name, "stores into the static field");
            }
            if (op == Opcodes.PUTFIELD) {
                FieldInsnNode f = (FieldInsnNode) insn;
                boolean ownConstructor = own.contains(f.owner) && method.name.equals("<init>");
                return ownConstructor || createdHere(frame.getStack(top - 1), 0) ? null
                        : new Violation(line, javaName(f.owner) + "." + f.name, "stores into the field");
            }
            if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
                return createdHere(frame.getStack(top - 2), 0) ? null
                        : new Violation(line, "an element of an array it did not create", "stores into");
            }
            if (op == Opcodes.MONITORENTER) {
                return new Violation(line, "an object (synchronized)", "takes the lock of");
            }
            if (insn instanceof MethodInsnNode m) {
                return call(m, frame, top, line);
            }
            if (insn instanceof InvokeDynamicInsnNode d) {
                Handle bootstrap = d.bsm;
                if (!PURE_BOOTSTRAPS.contains(bootstrap.getOwner())) {
                    return new Violation(line, javaName(bootstrap.getOwner()) + "." + bootstrap.getName(),
                            "makes a dynamic call through");
                }
                return referenced(d, line);
            }
            return null;
        }

        /** A method reference ({@code System::exit}) is a call too: the method it names must be one that reads. */
        private Violation referenced(InvokeDynamicInsnNode d, int line) {
            for (Object argument : d.bsmArgs) {
                if (argument instanceof Handle h && !own.contains(h.getOwner())
                        && !calls.allows(h.getOwner(), h.getName(), h.getDesc())
                        && !(h.getTag() == Opcodes.H_NEWINVOKESPECIAL && calls.constructs(h.getOwner()))) {
                    return new Violation(line, javaName(h.getOwner()) + "::" + h.getName(), "refers to");
                }
            }
            return null;
        }

        private Violation call(MethodInsnNode m, Frame<SourceValue> frame, int top, int line) {
            if (own.contains(m.owner) || calls.allows(m.owner, m.name, m.desc)) {
                return null;
            }
            if (m.name.equals("<init>") && method.name.equals("<init>") && m.owner.equals("java/lang/Object")) {
                return null; // a probe class's own constructor, calling its super constructor
            }
            Type[] parameters = Type.getArgumentTypes(m.desc);
            boolean constructor = m.name.equals("<init>");
            if (constructor && calls.constructs(m.owner) && createdHere(frame.getStack(top - parameters.length), 0)) {
                return null;
            }
            String signature = Arrays.stream(parameters).map(Type::getClassName).collect(Collectors.joining(", "));
            return new Violation(line, constructor ? "new " + javaName(m.owner) + "(" + signature + ")"
                    : javaName(m.owner) + "." + m.name + "(" + signature + ")", "calls");
        }

        /**
         * Whether every value that may be here was made by the expressions ({@code new}, a new array), following
         * copies through the stack and locals.
         */
        private boolean createdHere(SourceValue value, int depth) {
            if (value.insns.isEmpty() || depth > MAX_DEPTH) {
                return false;
            }
            for (AbstractInsnNode source : value.insns) {
                int op = source.getOpcode();
                boolean made = op == Opcodes.NEW || op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY
                        || op == Opcodes.MULTIANEWARRAY;
                if (!made && !copiedFromCreated(source, depth)) {
                    return false;
                }
            }
            return true;
        }

        /** A DUP, a CHECKCAST, a store or a load of a value the expressions made. */
        private boolean copiedFromCreated(AbstractInsnNode copy, int depth) {
            Frame<SourceValue> before = frames[method.instructions.indexOf(copy)];
            if (before == null) {
                return false;
            }
            int op = copy.getOpcode();
            if (op == Opcodes.DUP || op == Opcodes.CHECKCAST || op == Opcodes.ASTORE) {
                return createdHere(before.getStack(before.getStackSize() - 1), depth + 1);
            }
            if (op == Opcodes.ALOAD) {
                return createdHere(before.getLocal(((VarInsnNode) copy).var), depth + 1);
            }
            return false;
        }
    }

    private static String javaName(String internalName) {
        return internalName.replace('/', '.');
    }
}
