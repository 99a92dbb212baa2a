package dev.hotline.server.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Live declarations in an order that replays each one once: every declaration after those it names. JShell
 * keeps them in the order they were first made, so a method written before a method it calls comes first, and
 * replaying it that way compiles it twice (once unresolved, again when the callee arrives). Where the order
 * leaves a choice, the original order is kept, so declarations whose initializers act on shared state run in
 * the order they did; declarations that name each other (mutual recursion) keep their original order too.
 */
final class DependencyOrder {
    private DependencyOrder() {
    }

    /**
     * @param live the live declarations, in JShell's order
     * @param analysis where JShell says which snippets name a given one ({@link SourceCodeAnalysis#dependents})
     */
    static List<Snippet> of(List<Snippet> live, SourceCodeAnalysis analysis) {
        Map<Snippet, Integer> index = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            index.put(live.get(i), i);
        }
        List<List<Integer>> dependents = new ArrayList<>();
        int[] unmetDependencies = new int[live.size()];
        for (Snippet snippet : live) {
            List<Integer> named = new ArrayList<>();
            for (Snippet dependent : analysis.dependents(snippet)) {
                Integer at = index.get(dependent);
                if (at != null && dependent != snippet) {
                    named.add(at);
                    unmetDependencies[at]++;
                }
            }
            dependents.add(named);
        }
        List<Snippet> ordered = new ArrayList<>(live.size());
        boolean[] placed = new boolean[live.size()];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < live.size(); i++) {
            if (unmetDependencies[i] == 0) {
                ready.add(i);
            }
        }
        while (ordered.size() < live.size()) {
            if (ready.isEmpty()) {
                ready.add(firstUnplaced(placed)); // a cycle: its first declaration goes as it came
            }
            int next = ready.poll();
            if (placed[next]) {
                continue;
            }
            placed[next] = true;
            ordered.add(live.get(next));
            for (int dependent : dependents.get(next)) {
                if (--unmetDependencies[dependent] == 0 && !placed[dependent]) {
                    ready.add(dependent);
                }
            }
        }
        return ordered;
    }

    private static int firstUnplaced(boolean[] placed) {
        int i = 0;
        while (placed[i]) {
            i++;
        }
        return i;
    }
}
