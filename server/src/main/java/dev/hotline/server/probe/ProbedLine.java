package dev.hotline.server.probe;

import dev.hotline.boot.TraceDispatcher;
import java.util.Arrays;
import java.util.List;

/**
 * A line woven with a probe call, and the probes on it now: the {@link TraceDispatcher.LineProbe} its id leads
 * to. Several probes may be on one line; each hit is shown to each of them. A hot reload may move it to another
 * line number ({@link LineWeaver} finds it by its code).
 *
 * <p>Only this class links against the boot classes: the probes load it after
 * {@link dev.hotline.server.support.BootClasses#install}.
 */
final class ProbedLine implements TraceDispatcher.LineProbe {
    private final int id;
    private final Class<?> type;
    private final String method;
    private final String locals;
    private final String fingerprint;
    private int line; // probes' thread only
    private volatile LineProbe[] probes = new LineProbe[0]; // written on the probes' thread only

    ProbedLine(int id, Class<?> type, LineSites.Site site, int line) {
        this.id = id;
        this.type = type;
        this.method = site.method();
        this.locals = site.localsKey();
        this.line = line;
        this.fingerprint = site.fingerprint();
    }

    /** How lines are told apart, for probes that share one: method, line and what is in scope. */
    static String key(String method, int line, String locals) {
        return method + ":" + line + ":" + locals;
    }

    String key() {
        return key(method, line, locals);
    }

    int id() {
        return id;
    }

    Class<?> type() {
        return type;
    }

    int line() {
        return line;
    }

    /** A hot reload moved its code to {@code newLine}. */
    void moveTo(int newLine) {
        line = newLine;
    }

    LineWeaver.Planned planned() {
        return new LineWeaver.Planned(id, method, line, locals, fingerprint);
    }

    /** Its woven call now leads here. */
    void activate() {
        TraceDispatcher.lineProbe(id, this);
    }

    /** Its woven call now leads nowhere, until its class has its code back. */
    void deactivate() {
        TraceDispatcher.lineProbe(id, null);
    }

    void add(LineProbe probe) {
        LineProbe[] now = Arrays.copyOf(probes, probes.length + 1);
        now[now.length - 1] = probe;
        probes = now;
    }

    /** @return whether any probe is still on this line */
    boolean remove(LineProbe probe) {
        probes = Arrays.stream(probes).filter(p -> p != probe).toArray(LineProbe[]::new);
        return probes.length > 0;
    }

    List<LineProbe> probes() {
        return List.of(probes);
    }

    @Override
    public void hit(Object self, Object[] locals) {
        for (LineProbe probe : probes) {
            probe.hit(self, locals);
        }
    }
}
