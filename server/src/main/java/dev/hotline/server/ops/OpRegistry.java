package dev.hotline.server.ops;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The ops a server answers, by name, in the order {@code describe} lists them. */
public final class OpRegistry {
    private final Map<String, Op> ops = new LinkedHashMap<>();

    /** The standard set of native ops. */
    public static OpRegistry standard() {
        OpRegistry registry = new OpRegistry();
        registry.add(new DescribeOp(registry));
        registry.add(new EvalOp());
        registry.add(new CloneOp());
        registry.add(new InterruptOp());
        registry.add(new InspectOp());
        registry.add(new CompleteOp());
        registry.add(new DocumentationOp());
        registry.add(new IsCompleteOp());
        registry.add(new PrecedingSnippetOp());
        registry.add(new DeclarationAtOp());
        registry.add(new CommandOp());
        registry.add(new SnippetsOp());
        registry.add(new ReloadOp());
        registry.add(new RevertOp());
        registry.add(new WatchOp());
        registry.add(new StatusOp());
        registry.add(new ShutdownOp());
        registry.add(new DetachOp());
        registry.add(new SnapshotOp());
        registry.add(new TraceOp());
        registry.add(new UntraceOp());
        registry.add(new MonitorOp());
        registry.add(new ProfileOp());
        registry.add(new ProbeOp());
        registry.add(new CatchOp());
        registry.add(new UnprobeOp());
        registry.add(new ProbesOp());
        registry.add(new ThreadsOp());
        registry.add(new OriginOp());
        return registry;
    }

    private void add(Op op) {
        ops.put(op.descriptor().name(), op);
    }

    public Optional<Op> find(String name) {
        return Optional.ofNullable(ops.get(name));
    }

    public Collection<Op> all() {
        return ops.values();
    }
}
