package dev.hotline.bench;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/** The baseline: the JShell API as it comes, executing in its own JVM ({@code executionEngine("local")}). */
final class StockJShell {
    private StockJShell() {
    }

    static Percentiles measure(String code, int warmup, int n) {
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            long[] nanos = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                long t0 = System.nanoTime();
                for (SnippetEvent e : jshell.eval(code.replace("%d", String.valueOf(i)))) {
                    if (e.status() != Snippet.Status.VALID || e.exception() != null) {
                        throw new IllegalStateException("stock JShell failed on " + code + ": " + e);
                    }
                }
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - t0;
                }
            }
            return new Percentiles(nanos);
        }
    }
}
