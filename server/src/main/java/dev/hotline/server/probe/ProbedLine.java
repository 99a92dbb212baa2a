package dev.hotline.server.probe;

import dev.hotline.boot.TraceDispatcher;

/**
 * A line woven with a probe call, which its id leads to {@link #hit} ({@link TraceDispatcher#line}). A hot
 * reload may move it to another line number ({@link LineWeaver} finds it by its code).
 */
final class ProbedLine extends ProbeSite {
    private final String method;
    private final String locals;
    private final String fingerprint;
    private int line; // probes' thread only

    ProbedLine(int id, Class<?> type, LineSites.Site site, int line) {
        super(id, type);
        this.method = site.method();
        this.locals = site.localsKey();
        this.line = line;
        this.fingerprint = site.fingerprint();
    }

    /** How lines are told apart, for probes that share one: method, line and what is in scope. */
    static String key(String method, int line, String locals) {
        return method + ":" + line + ":" + locals;
    }

    @Override
    String key() {
        return key(method, line, locals);
    }

    int line() {
        return line;
    }

    /** A hot reload moved its code to {@code newLine}. */
    void moveTo(int newLine) {
        line = newLine;
    }

    LineWeaver.Planned planned() {
        return new LineWeaver.Planned(id(), method, line, locals, fingerprint);
    }

    @Override
    void activate() {
        TraceDispatcher.lineProbe(id(), this::hit);
    }

    @Override
    void deactivate() {
        TraceDispatcher.lineProbe(id(), null);
    }

    /** Called by the dispatcher on the hitting thread. */
    void hit(Object self, Object[] locals) {
        for (LineProbe probe : current()) {
            probe.hit(self, locals);
        }
    }
}
