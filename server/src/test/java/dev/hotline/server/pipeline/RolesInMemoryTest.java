package dev.hotline.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.auth.Role;
import dev.hotline.server.commands.SlashCommands;
import dev.hotline.server.exchange.RoleTable;
import dev.hotline.server.ops.OpRegistry;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Roles in every dialect: a connection that presented the observe token reads and traces, and is refused what
 * changes the service with the role it needs named, in the dialect's own form; the audit log records the refusal
 * with the role that asked. The operate token can do everything.
 */
class RolesInMemoryTest extends InMemoryServiceTest {
    private static final String NEEDS_OPERATE = " needs the operate role; this connection has observe (token"
            + " mem.observe.token). " + RoleTable.HOW_TO_OPERATE;

    private static List<Plist> nativeAs(boolean observe, String... requests) throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendFrame(observe ? c.observeToken() : c.token());
            for (String request : requests) {
                c.sendFrame(request);
            }
            c.settle();
            return c.replies();
        }
    }

    @Test
    void theObserveTokenIsGroupReadableAndDiffersFromTheOperateToken() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    service.options().runDirectory().observeTokenFile())));
            assertTrue(!c.observeToken().equals(c.token()));
        }
    }

    @Test
    void nativeObserveReadsAndIsRefusedWhatChanges() throws Exception {
        List<Plist> replies = nativeAs(true,
                "(:op \"status\" :id 1)",
                "(:op \"eval\" :id 2 :code \"1+1\")",
                "(:op \"reload\" :id 3 :paths (\"/tmp/X.class\"))",
                "(:op \"shutdown\" :id 4)",
                "(:op \"command\" :id 5 :line \"/vars\")",
                "(:op \"command\" :id 6 :line \"/reset\")",
                "(:op \"threads\" :id 7)",
                "(:op \"trace\" :id 8 :spec \"java.lang.String::length\" :unsafe t)");
        Plist status = replies.stream().filter(r -> r.integer(Wire.ID).orElse(0L).equals(1L)).findFirst().orElseThrow();
        assertEquals("observe", status.string("role").orElseThrow());
        assertEquals("token mem.observe.token", status.string("credential").orElseThrow());
        for (Map.Entry<Long, String> refused : Map.of(2L, "eval", 3L, "reload", 4L, "shutdown", 6L, "/reset",
                8L, "trace").entrySet()) {
            Plist reply = replies.stream().filter(r -> r.integer(Wire.ID).orElse(0L).equals(refused.getKey()))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(List.of(Wire.ERROR, Wire.FORBIDDEN, Wire.DONE), reply.keywords(Wire.STATUS), reply.toString());
            assertEquals(refused.getValue() + NEEDS_OPERATE, reply.string(Wire.MESSAGE).orElseThrow());
        }
        for (long read : List.of(5L, 7L)) {
            Plist last = replies.stream().filter(r -> r.integer(Wire.ID).orElse(0L).equals(read)).reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(List.of(Wire.DONE), last.keywords(Wire.STATUS), last.toString());
        }
        String audit = Files.readString(service.options().runDirectory().auditFile());
        assertTrue(audit.contains("\"role\":\"observe\",\"credential\":\"token mem.observe.token\""), audit);
        assertTrue(audit.contains("\"op\":\"shutdown\""), audit);
        assertTrue(audit.contains("\"outcome\":\"refused: needs operate\""), audit);
    }

    @Test
    void theOperateTokenEvaluates() throws Exception {
        List<Plist> replies = nativeAs(false, "(:op \"eval\" :id 1 :code \"6*7\")", "(:op \"status\" :id 2)");
        assertTrue(replies.stream().anyMatch(r -> r.string(Wire.VALUE).equals(Optional.of("42"))),
                replies.toString());
        assertTrue(replies.stream().anyMatch(r -> r.string("role").equals(Optional.of("operate"))),
                replies.toString());
    }

    @Test
    void lineModeObserveRunsCommandsThatReadAndRefusesJava() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendBytes(c.observeToken() + "\n1+1\n/status\n/shutdown\n");
            c.settle();
            String text = c.text();
            assertTrue(text.startsWith("error: evaluating Java" + NEEDS_OPERATE + "\n"), text);
            assertTrue(text.contains("your role: observe (token mem.observe.token)\n"), text);
            assertTrue(text.endsWith("error: /shutdown" + NEEDS_OPERATE + "\n"), text);
        }
    }

    @Test
    void swankObserveAbortsEvaluationWithTheReason() throws Exception {
        try (InMemoryConnection c = new InMemoryConnection(service)) {
            c.sendFrame(c.observeToken());
            c.sendFrame("(:emacs-rex (swank:connection-info) \"COMMON-LISP-USER\" t 1)");
            c.sendFrame("(:emacs-rex (swank-repl:listener-eval \"1+1\\n\") \"main\" :repl-thread 2)");
            c.settle();
            List<String> replies = c.frames().stream().map(Sexp::print).toList();
            assertTrue(replies.get(0).startsWith("(:return (:ok (:pid"), replies.get(0));
            assertEquals("(:return (:abort " + Sexp.str("listener-eval" + NEEDS_OPERATE).print() + ") 2)",
                    replies.get(1));
        }
    }

    @Test
    void everyOpAndCommandHasARole() {
        Map<String, Map<String, Role>> table = RoleTable.all();
        assertEquals(new TreeSet<>(OpRegistry.standard().all().stream().map(op -> op.descriptor().name()).toList()),
                new TreeSet<>(table.get("native").keySet()), "native ops in the role table");
        assertEquals(new TreeSet<>(SlashCommands.standard().all().stream().map(c -> c.name()).toList()),
                new TreeSet<>(table.get("command").keySet()), "slash commands in the role table");
    }
}
