package dev.hotline.server.probe;

import dev.hotline.boot.TraceDispatcher;
import java.util.Arrays;

/**
 * A line woven with a probe call, and the probes on it now: the {@link TraceDispatcher.LineProbe} its id leads
 * to. Several probes may be on one line; each hit is shown to each of them.
 *
 * <p>Only this class links against the boot classes: the probes load it after
 * {@link dev.hotline.server.support.BootClasses#install}.
 */
final class ProbedLine implements TraceDispatcher.LineProbe {
    private final int id;
    private final Class<?> type;
    private final String key;
    private volatile LineProbe[] probes = new LineProbe[0]; // written on the probes' thread only

    /** @param key the site's {@link LineWeaver#key} */
    ProbedLine(int id, Class<?> type, String key) {
        this.id = id;
        this.type = type;
        this.key = key;
    }

    int id() {
        return id;
    }

    Class<?> type() {
        return type;
    }

    String key() {
        return key;
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

    @Override
    public void hit(Object self, Object[] locals) {
        for (LineProbe probe : probes) {
            probe.hit(self, locals);
        }
    }
}
