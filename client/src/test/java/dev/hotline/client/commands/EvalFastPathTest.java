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

class EvalFastPathTest {
    @Test
    void knowsExactlyTheOptionsOfTheEvalCommand() throws Exception {
        CommandLine.Model.CommandSpec spec = new CommandLine(new EvalCommand()).getCommandSpec();
        Set<String> values = spec.options().stream().filter(o -> o.arity().max() > 0).map(o -> o.longestName())
                .collect(Collectors.toSet());
        Set<String> flags = spec.options().stream().filter(o -> o.arity().max() == 0 && !o.usageHelp() && !o.versionHelp())
                .map(o -> o.longestName()).collect(Collectors.toSet());
        values.removeAll(EvalFastPath.LEFT_TO_PICOCLI);
        flags.removeAll(EvalFastPath.LEFT_TO_PICOCLI);
        assertEquals(values, EvalFastPath.VALUE_OPTIONS);
        assertEquals(flags, EvalFastPath.FLAGS);
        assertTrue(EvalFastPath.run(new String[] {"--all", "1+1"}).isEmpty(), "fan-out goes through picocli");
    }

    @Test
    void leavesHelpUnknownOptionsAndBadValuesToPicocli() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"--version"}, {"--frobnicate", "1+1"},
                {"--port", "eighty", "1+1"}, {"--timeout", "soon", "1+1"}, {"--name"}, {"--json=yes", "1"},
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
