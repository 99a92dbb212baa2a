package dev.hotline.server.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the probes weave into one class: its probed lines and its caught methods.
 *
 * @param lines the probed lines, for {@link LineWeaver}
 * @param catches the caught methods, for {@link CatchWeaver}
 */
record ClassPlan(List<LineWeaver.Planned> lines, List<CatchWeaver.Planned> catches) {
    /**
     * @param classFile the woven bytes, or null when nothing planned was found
     * @param lines where each planned line is now, by id: its line number, or -1 when it is gone
     * @param caught the ids of the planned methods found
     */
    record Woven(byte[] classFile, Map<Integer, Integer> lines, Set<Integer> caught) {
    }

    static ClassPlan of(Collection<ProbeSite> sites) {
        List<LineWeaver.Planned> lines = new ArrayList<>();
        List<CatchWeaver.Planned> catches = new ArrayList<>();
        for (ProbeSite site : sites) {
            if (site instanceof ProbedLine line) {
                lines.add(line.planned());
            } else if (site instanceof CaughtMethod method) {
                catches.add(method.planned());
            }
        }
        return new ClassPlan(List.copyOf(lines), List.copyOf(catches));
    }

    /** Weaves the lines first, then the catches' handlers around them. */
    Woven weave(byte[] classFile) {
        byte[] bytes = classFile;
        Map<Integer, Integer> found = Map.of();
        Set<Integer> caught = Set.of();
        if (!lines.isEmpty()) {
            LineWeaver.Woven woven = LineWeaver.weave(bytes, lines);
            found = woven.lines();
            bytes = woven.classFile() != null ? woven.classFile() : bytes;
        }
        if (!catches.isEmpty()) {
            CatchWeaver.Woven woven = CatchWeaver.weave(bytes, catches);
            caught = woven.found();
            bytes = woven.classFile() != null ? woven.classFile() : bytes;
        }
        return new Woven(bytes == classFile ? null : bytes, found, caught);
    }
}
