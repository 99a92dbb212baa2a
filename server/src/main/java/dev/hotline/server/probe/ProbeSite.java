package dev.hotline.server.probe;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Code woven with a call to the probes, and the probes on it now: a probed line ({@link ProbedLine}) or a
 * caught method ({@link CaughtMethod}). Several probes may share one; each hit is shown to each of them, and the
 * code stays woven while any is on it. Changed on the probes' thread only; read by the hitting threads.
 *
 * <p>Only its subclasses' {@link #activate} and {@link #deactivate} link against the boot classes, and only when
 * called, after {@link dev.hotline.server.support.BootClasses#install}: none of these classes implements a boot
 * interface, so loading them (as the verifier does) never loads a boot class through Hotline's own loader.
 */
abstract sealed class ProbeSite permits ProbedLine, CaughtMethod {
    /** How a site is made, if its class has none with {@code key} yet: from the id it is given. */
    record Maker(String key, IntFunction<ProbeSite> make) {
    }

    private final int id;
    private final Class<?> type;
    private volatile LineProbe[] probes = new LineProbe[0];

    ProbeSite(int id, Class<?> type) {
        this.id = id;
        this.type = type;
    }

    /** The id its woven code calls the dispatcher with. */
    final int id() {
        return id;
    }

    /** The class it is in. */
    final Class<?> type() {
        return type;
    }

    /** What tells it apart from the other sites in its class. */
    abstract String key();

    /** Its woven code now leads here. */
    abstract void activate();

    /** Its woven code now leads nowhere, until its class has its code back. */
    abstract void deactivate();

    final void add(LineProbe probe) {
        LineProbe[] now = Arrays.copyOf(probes, probes.length + 1);
        now[now.length - 1] = probe;
        probes = now;
    }

    /** @return whether any probe is still on it */
    final boolean remove(LineProbe probe) {
        probes = Arrays.stream(probes).filter(p -> p != probe).toArray(LineProbe[]::new);
        return probes.length > 0;
    }

    /** The probes on it, as the hitting threads see them. */
    final LineProbe[] current() {
        return probes;
    }

    final List<LineProbe> probes() {
        return List.of(probes);
    }
}
