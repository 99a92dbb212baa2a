package dev.hotline.server.daemon;

import dev.hotline.protocol.RunDirectory;
import dev.hotline.server.support.RunFiles;
import dev.hotline.server.support.ServerOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;

/**
 * Makes this JVM <em>the</em> service NAME, when it was started as a daemon ({@code daemon=true}): takes
 * {@code NAME.lock} for the life of the process and writes {@code NAME.pid}. The agent calls this before the
 * application's {@code main}, so a second instance started at the same moment stops before it does anything.
 *
 * <p>The lock is a POSIX (fcntl) lock on a file that is never replaced, held through a channel that is never
 * closed: the kernel releases it when the process ends, however it ends. (Shell scripts must test it with
 * fcntl-style tools such as Python's {@code lockf}; {@code flock(1)} does not see it.)
 */
public final class ServiceLock {
    private static FileChannel held;

    private ServiceLock() {
    }

    /**
     * Takes the lock and writes the pid file.
     *
     * @param parsed the agent's options (name and dir matter here)
     * @return null on success, or why this JVM must not run as the service
     */
    public static synchronized String acquire(ServerOptions parsed) {
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
            String record = RunDirectory.PidRecord.current().format();
            RunFiles.writeAtomically(run.pidFile(), record);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RunFiles.deleteIfContains(run.pidFile(), record),
                    "hotline-pid-file"));
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot take the service lock in " + parsed.dir() + ": " + e.getMessage();
        }
    }
}
