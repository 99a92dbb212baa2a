package dev.hotline.server.guard;

import dev.hotline.server.support.BootClasses;
import dev.hotline.server.support.ServerLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Keeps evaluated code from stopping the service: {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} called from an evaluation thread (or a thread it started) throw a
 * {@link SecurityException} instead. The Security Manager that once did this is gone on JDK 24+, so
 * {@code java.lang.Runtime} is retransformed: its {@code exit} and {@code halt} first call
 * {@link dev.hotline.boot.ExitGuard#check}, one of the {@link BootClasses}.
 * Installed before a session's first JShell is created; turned off with the agent option {@code exit-guard=false}.
 */
public final class ExitGuardInstaller {
    private static final String GUARD = "dev/hotline/boot/ExitGuard";
    private static volatile InheritableThreadLocal<Boolean> marker;

    private ExitGuardInstaller() {
    }

    /** Installs the guard once per JVM; on failure the service runs unguarded and the log says why. */
    public static synchronized void install(Instrumentation instrumentation) {
        if (marker != null) {
            return;
        }
        if (!BootClasses.install(instrumentation)) {
            return;
        }
        try {
            Class<?> guard = Class.forName(GUARD.replace('/', '.'), true, null);
            @SuppressWarnings("unchecked")
            InheritableThreadLocal<Boolean> evaluating =
                    (InheritableThreadLocal<Boolean>) guard.getField("EVALUATING").get(null);
            ClassFileTransformer transformer = new RuntimeTransformer();
            instrumentation.addTransformer(transformer, true);
            try {
                instrumentation.retransformClasses(Runtime.class);
            } finally {
                instrumentation.removeTransformer(transformer);
            }
            marker = evaluating;
        } catch (Exception | LinkageError e) {
            ServerLog.warn("the exit guard could not be installed, evaluated code can stop the service: " + e);
        }
    }

    /** Marks the calling thread, and the threads it will start, as evaluating; a no-op without the guard. */
    public static void markEvaluationThread() {
        InheritableThreadLocal<Boolean> m = marker;
        if (m != null) {
            m.set(Boolean.TRUE);
        }
    }

    /** Lets the calling thread exit the JVM again, for Hotline's own shutdown on a client's request. */
    public static void unmarkCurrentThread() {
        InheritableThreadLocal<Boolean> m = marker;
        if (m != null) {
            m.remove();
        }
    }

    /** Inserts {@code ExitGuard.check(status)} at the start of {@code Runtime.exit(int)} and {@code halt(int)}. */
    private static final class RuntimeTransformer implements ClassFileTransformer {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            if (!"java/lang/Runtime".equals(className)) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (!(name.equals("exit") || name.equals("halt")) || !descriptor.equals("(I)V")) {
                        return method;
                    }
                    return new MethodVisitor(Opcodes.ASM9, method) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            super.visitVarInsn(Opcodes.ILOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "(I)V", false);
                        }

                        @Override
                        public void visitMaxs(int maxStack, int maxLocals) {
                            super.visitMaxs(Math.max(maxStack, 1), maxLocals);
                        }
                    };
                }
            }, 0);
            return writer.toByteArray();
        }
    }
}
