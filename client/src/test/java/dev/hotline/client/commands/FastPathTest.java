package dev.hotline.client.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.Hotline;
import dev.hotline.client.core.ExitCodes;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The fast paths of eval and bridge, which read their command lines without picocli ({@link FastCommandLine}). */
class FastPathTest {
    @Test
    void knowsExactlyTheOptionsOfTheEvalCommand() throws Exception {
        assertEquals(options(new EvalCommand(), true, Set.of()), EvalFastPath.VALUE_OPTIONS);
        assertEquals(options(new EvalCommand(), false, Set.of()), EvalFastPath.FLAGS);
    }

    @Test
    void knowsExactlyTheOptionsOfTheBridgeCommand() throws Exception {
        assertEquals(options(new BridgeCommand(), true, BridgeFastPath.LEFT_TO_PICOCLI), BridgeFastPath.VALUE_OPTIONS);
        assertEquals(Set.of(), options(new BridgeCommand(), false, BridgeFastPath.LEFT_TO_PICOCLI));
        for (String[] args : new String[][] {{"--via", "ssh web1 hotline bridge --name a"}, {"--all"}, {"a", "b"},
                {"--help"}, {"--port", "eighty"}}) {
            assertTrue(BridgeFastPath.run(args).isEmpty(), String.join(" ", args));
        }
    }

    /** The long names of {@code command}'s options that take a value (or, with false, take none), less {@code left}. */
    private static Set<String> options(Object command, boolean withValue, Set<String> left) {
        CommandLine.Model.CommandSpec spec = new CommandLine(command).getCommandSpec();
        return spec.options().stream().filter(o -> withValue ? o.arity().max() > 0
                        : o.arity().max() == 0 && !o.usageHelp() && !o.versionHelp())
                .map(o -> o.longestName()).filter(name -> !left.contains(name)).collect(Collectors.toSet());
    }

    @Test
    void leavesHelpUnknownOptionsAndBadValuesToPicocli() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"--version"}, {"--frobnicate", "1+1"},
                {"--port", "eighty", "1+1"}, {"--timeout", "soon", "1+1"}, {"--all", "--parallel", "many", "1"}, {"--name"}, {"--json=yes", "1"},
                {"--name", "a", "--name", "b", "1"}}) {
            assertTrue(EvalFastPath.run(args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void aMissingServiceIsTheUsualConnectionError() throws Exception {
        Set<Integer> codes = new HashSet<>();
        codes.add(Hotline.run("eval", "--port", "1", "--token-file", "/nonexistent/token", "1+1"));
        codes.add(Hotline.run("eval", "--name", "no-such-service-here", "--dir", "/nonexistent", "1+1"));
        assertEquals(Set.of(ExitCodes.UNREACHABLE), codes);
    }
}
