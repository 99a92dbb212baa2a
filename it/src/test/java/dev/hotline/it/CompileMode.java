package dev.hotline.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the targets of this test run compile: their default ({@code compile=inprocess}), or the mode that
 * {@code -Dhotline.it.compile=MODE} names, so the whole suite runs once in each mode. A test that sets
 * {@code compile=} itself keeps what it set.
 */
final class CompileMode {
    private static final String MODE = System.getProperty("hotline.it.compile", "");

    private CompileMode() {
    }

    /** {@code options} (comma-separated agent options) with this run's {@code compile=}. */
    static String agentOptions(String options) {
        if (MODE.isEmpty() || options.contains("compile=")) {
            return options;
        }
        return options.isEmpty() ? "compile=" + MODE : options + ",compile=" + MODE;
    }

    /** A service config's lines with this run's {@code compile=}. */
    static List<String> config(List<String> lines) {
        if (MODE.isEmpty() || lines.stream().anyMatch(l -> l.startsWith("compile="))) {
            return lines;
        }
        List<String> withMode = new ArrayList<>(lines);
        withMode.add("compile=" + MODE);
        return withMode;
    }
}
