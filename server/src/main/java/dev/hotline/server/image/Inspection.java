package dev.hotline.server.image;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the JVM offers for looking inside, beside the image: thread dumps, heap dumps, and a real CRaC
 * checkpoint where the JVM supports one. None of these can be resumed by a stock JVM.
 */
public final class Inspection {
    private Inspection() {
    }

    /** Every thread with its state, locks and whole stack, like jstack. */
    public static String threadDump() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId())
                    .append(t.isDaemon() ? " daemon" : "").append(' ').append(t.getThreadState());
            if (t.getLockName() != null) {
                sb.append(" on ").append(t.getLockName());
            }
            sb.append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                sb.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo m : t.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == i) {
                        sb.append("\t- locked ").append(m).append('\n');
                    }
                }
            }
            for (LockInfo lock : t.getLockedSynchronizers()) {
                sb.append("\t- holds ").append(lock).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes a heap dump of the live objects (a full GC first) in HPROF format.
     *
     * @param file must end in .hprof and not exist yet (the JVM's own rules)
     */
    public static void heapDump(Path file) throws IOException {
        if (!file.toString().endsWith(".hprof")) {
            throw new IOException("a heap dump file must end in .hprof: " + file);
        }
        if (Files.exists(file)) {
            throw new IOException(file + " already exists");
        }
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    /**
     * Asks for a CRaC checkpoint. On a JVM without CRaC (any stock OpenJDK 17 or 25), says so.
     *
     * @throws IOException saying why no checkpoint was taken
     */
    public static String checkpoint() throws IOException {
        Class<?> core = crac();
        if (core == null) {
            throw new IOException("this JVM (" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + ") has no CRaC: start the service on a CRaC-enabled JDK with -XX:CRaCCheckpointTo=DIR");
        }
        try {
            core.getMethod("checkpointRestore").invoke(null);
            return "restored from a CRaC checkpoint";
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("the CRaC checkpoint failed: " + cause, cause);
        }
    }

    private static Class<?> crac() {
        for (String name : new String[] {"jdk.crac.Core", "javax.crac.Core"}) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // not this one
            }
        }
        return null;
    }
}
