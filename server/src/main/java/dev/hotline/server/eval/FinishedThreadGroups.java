package dev.hotline.server.eval;

/**
 * Gives back the thread groups JShell's {@code LocalExecutionControl} leaves behind on JDK 17 and 18. There it
 * creates a new {@link ThreadGroup} for every snippet it runs and never destroys it, and a thread group that is
 * not a daemon stays in its parent's list for good: about a hundred bytes a snippet, a hundred megabytes over a
 * million evaluations (bench/load.sh's soak found it). From JDK 19 on, a parent holds its groups weakly and there
 * is nothing to do.
 */
final class FinishedThreadGroups {
    /** The name JShell gives each snippet's group. */
    private static final String JSHELL_GROUP = "JShell process local execution";
    private static final boolean GROUPS_HELD_STRONGLY = Runtime.version().feature() < 19;

    private FinishedThreadGroups() {
    }

    /**
     * Destroys the snippet groups under the calling thread's group that no thread runs in any more; groups whose
     * snippets left threads running are kept until a later call finds them empty.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static void release() {
        if (!GROUPS_HELD_STRONGLY) {
            return;
        }
        ThreadGroup parent = Thread.currentThread().getThreadGroup();
        ThreadGroup[] children = new ThreadGroup[parent.activeGroupCount() + 8];
        int count = parent.enumerate(children, false);
        for (int i = 0; i < count; i++) {
            ThreadGroup group = children[i];
            if (JSHELL_GROUP.equals(group.getName()) && group.activeCount() == 0 && group.activeGroupCount() == 0) {
                try {
                    group.destroy();
                } catch (IllegalThreadStateException startedMeanwhile) {
                    // a thread started in it after all: a later call tries again
                }
            }
        }
    }
}
