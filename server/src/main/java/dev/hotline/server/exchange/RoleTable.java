package dev.hotline.server.exchange;

import dev.hotline.server.auth.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which role each request needs, for every dialect, in one table: the native protocol's ops, the slash commands
 * (typed in line mode, or sent by the REPL through the {@code command} op) and SLIME's Swank requests. Dialects
 * look a request up here and ask its exchange whether it {@link Exchange#permits permits} it, before anything runs.
 *
 * <p>{@link Role#OBSERVE} looks without changing: status, descriptions, threads, traces, probes and monitors whose
 * expressions only read, profiles, completion and documentation. {@link Role#OPERATE} changes: it evaluates, reloads,
 * reverts, snapshots, shuts down or detaches. A request that asks for {@code --unsafe} (expressions that may do more
 * than read) needs {@link Role#OPERATE} whatever its entry says; so does anything not in the table.
 */
public final class RoleTable {
    /** How to get the operate role, for a refusal's message. */
    public static final String HOW_TO_OPERATE = "To change the service, connect as its user (the Unix socket) or with"
            + " its operate token (NAME.token); hotline doctor shows the credentials.";

    private static final Set<String> OBSERVE_OPS = Set.of("describe", "status", "threads", "inspect", "complete",
            "documentation", "is-complete", "preceding-snippet", "declaration-at", "snippets", "clone", "command",
            "trace", "untrace", "monitor", "profile", "probe", "catch", "unprobe", "probes", "origin");
    private static final Set<String> OPERATE_OPS = Set.of("eval", "interrupt", "reload", "revert", "watch",
            "snapshot", "shutdown", "detach");

    private static final Set<String> OBSERVE_COMMANDS = Set.of("help", "status", "vars", "methods", "types",
            "imports", "list", "trace", "untrace", "log", "capture", "catch", "probes", "unprobe", "threads", "quit");
    private static final Set<String> OPERATE_COMMANDS = Set.of("drop", "recycle", "reset", "reload", "snapshot",
            "shutdown");

    private static final Set<String> OBSERVE_SWANK = Set.of("connection-info", "swank-require", "init-presentations",
            "buffer-first-change", "create-repl", "simple-completions", "completions", "fuzzy-completions", "autodoc",
            "operator-arglist", "describe-symbol", "describe-function", "documentation-symbol", "backtrace",
            "debugger-info-for-emacs", "frame-locals-and-catch-tags", "dialog-toggle-trace", "dialog-untrace",
            "dialog-untrace-all", "dialog-traced-p", "report-specs", "report-total", "report-partial-tree",
            "report-trace-detail", "clear-trace-tree", "quit-lisp");
    private static final Set<String> OPERATE_SWANK = Set.of("listener-eval", "interactive-eval", "eval-region",
            "eval-and-grab-output", "pprint-eval", "sldb-abort", "sldb-continue", "throw-to-toplevel",
            "invoke-nth-restart-for-emacs");

    private RoleTable() {
    }

    /**
     * The role a native op needs.
     *
     * @param unsafe the request asks for {@code :unsafe t}
     */
    public static Role nativeOp(String op, boolean unsafe) {
        return needed(OBSERVE_OPS, op, unsafe);
    }

    /**
     * The role a slash command needs.
     *
     * @param unsafe its arguments hold {@code --unsafe}
     */
    public static Role slashCommand(String command, boolean unsafe) {
        return needed(OBSERVE_COMMANDS, command, unsafe);
    }

    /**
     * The role a Swank request needs ({@code listener-eval}, without its package).
     *
     * @param unsafe it does more than its name says: {@code quit-lisp} where {@code swank-quit=shutdown}
     */
    public static Role swankRequest(String rpc, boolean unsafe) {
        return needed(OBSERVE_SWANK, rpc, unsafe);
    }

    /** Java typed in line mode: it runs in the service. */
    public static Role snippet() {
        return Role.OPERATE;
    }

    /** The whole table, dialect by dialect, request to role: for documentation and for tests that keep it whole. */
    public static Map<String, Map<String, Role>> all() {
        Map<String, Map<String, Role>> all = new LinkedHashMap<>();
        all.put("native", column(OBSERVE_OPS, OPERATE_OPS));
        all.put("command", column(OBSERVE_COMMANDS, OPERATE_COMMANDS));
        all.put("swank", column(OBSERVE_SWANK, OPERATE_SWANK));
        return all;
    }

    private static Role needed(Set<String> observe, String name, boolean unsafe) {
        return !unsafe && observe.contains(name) ? Role.OBSERVE : Role.OPERATE;
    }

    private static Map<String, Role> column(Set<String> observe, Set<String> operate) {
        Map<String, Role> column = new LinkedHashMap<>();
        observe.stream().sorted().forEach(name -> column.put(name, Role.OBSERVE));
        operate.stream().sorted().forEach(name -> column.put(name, Role.OPERATE));
        return column;
    }
}
