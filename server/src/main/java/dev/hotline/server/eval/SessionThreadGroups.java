package dev.hotline.server.eval;

/**
 * The thread group a session's worker runs in, made so that JShell's per-snippet groups go away by themselves.
 * On JDK 17 and 18, JShell's {@code LocalExecutionControl} creates a new {@link ThreadGroup} for every snippet it
 * runs and never destroys it, and a group that is not a daemon stays in its parent's list for good: about a
 * hundred bytes a snippet, a hundred megabytes over a million evaluations (bench/load.sh's soak found 26,672 after
 * three minutes). A new group inherits its parent's daemon flag, and a daemon group is destroyed when its last
 * thread ends and none is waiting to start; so under a daemon parent each snippet's group ends with its threads:
 * at once for most, later for one whose snippet left threads running or created one to start afterwards. From
 * JDK 19 on, a parent holds its groups weakly and the flag does nothing.
 */
final class SessionThreadGroups {
    private SessionThreadGroups() {
    }

    /**
     * A daemon group for one worker thread, {@code name}. It is destroyed in turn once the worker and every
     * snippet group under it have ended, so each worker gets a group of its own.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static ThreadGroup forWorker(String name) {
        ThreadGroup group = new ThreadGroup(name);
        group.setDaemon(true);
        return group;
    }
}
