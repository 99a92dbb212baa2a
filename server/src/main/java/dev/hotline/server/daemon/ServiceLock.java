package dev.hotline.server.daemon;

import dev.hotline.protocol.RunDirectory;
import dev.hotline.server.support.RunFiles;
import dev.hotline.server.support.ServerOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;

/**
 * Makes this JVM <em>the</em> service NAME: takes {@code NAME.lock} and writes {@code NAME.pid}. A JVM started
 * as a daemon ({@code daemon=true}) does it before the application's {@code main}, so a second instance
 * started at the same moment stops before it does anything; a JVM Hotline is attached to does it when the
 * server starts, and gives both up again if Hotline detaches.
 *
 * <p>The lock is a POSIX (fcntl) lock on a file that is never replaced, held through a channel that stays open
 * until {@link #release}: the kernel releases it when the process ends, however it ends. (Shell scripts must
 * test it with fcntl-style tools such as Python's {@code lockf}; {@code flock(1)} does not see it.)
 */
public final class ServiceLock {
    private static FileChannel held;
    private static RunDirectory heldFor;
    private static String pidRecord;
    private static Thread removePidFileAtExit;

    private ServiceLock() {
    }

    /**
     * Takes the lock and writes the pid file.
     *
     * @param parsed the agent's options (name and dir matter here)
     * @param attached whether Hotline was attached to this JVM rather than launched with it (the pid file says so)
     * @return null on success, or why this JVM must not run as the service
     */
    public static synchronized String acquire(ServerOptions parsed, boolean attached) {
        if (held != null) {
            return null;
        }
        RunDirectory run = parsed.runDirectory();
        try {
            run.create();
            FileChannel channel = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                String holder = run.readPid().map(p -> " (pid " + p.pid() + ")").orElse("");
                return "service " + parsed.name() + " is already running" + holder + ": " + run.lockFile() + " is locked";
            }
            held = channel;
            heldFor = run;
            pidRecord = RunDirectory.PidRecord.current(attached).format();
            RunFiles.writeAtomically(run.pidFile(), pidRecord);
            removePidFileAtExit = new Thread(() -> RunFiles.deleteIfContains(run.pidFile(), pidRecord), "hotline-pid-file");
            Runtime.getRuntime().addShutdownHook(removePidFileAtExit);
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot take the service lock in " + parsed.dir() + ": " + e.getMessage();
        }
    }

    /** Gives the service up while the JVM goes on: removes the pid file (if still ours) and releases the lock. */
    public static synchronized void release() {
        if (held == null) {
            return;
        }
        RunFiles.deleteIfContains(heldFor.pidFile(), pidRecord);
        Runtime.getRuntime().removeShutdownHook(removePidFileAtExit);
        try {
            held.close();
        } catch (IOException e) {
            // the lock goes with the channel either way
        }
        held = null;
        heldFor = null;
    }
}
