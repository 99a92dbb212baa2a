package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.inspect.HeldObjects;
import dev.hotline.server.inspect.ObjectParts;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks inside an object the connection was shown by number ({@code :ref}, from an {@code eval} with
 * {@code :inspect t} or an earlier {@code inspect}): its fields, or a page of its elements. Each part that has
 * parts of its own gets a number too. Runs on the session's worker, after the evaluations before it, since the
 * app's own {@code toString}, {@code size} and {@code get} run.
 */
final class InspectOp implements Op {
    /** The most parts one request returns. */
    static final int MAX_COUNT = 1000;

    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("inspect", "The parts of an object shown before by number: its fields, a map entry's"
                + " key and value, or a page of an array's, a collection's or a map's elements.",
                List.of(OpDescriptor.Arg.required("ref", "the object's number"),
                        OpDescriptor.Arg.optional("filter", "\"named\" (fields) or \"indexed\" (elements); default both"),
                        OpDescriptor.Arg.optional("start", "the first element (default 0)"),
                        OpDescriptor.Arg.optional("count", "how many elements, at most " + MAX_COUNT + " (default 100)"),
                        OpDescriptor.Arg.optional(Wire.SESSION, "the session whose worker looks (default main)")),
                ":parts ((:name N :value TEXT :type T [:ref R :indexed I :named M]) ...)");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        long ref = request.message().integer("ref").orElseThrow(() -> new BadRequestException(":ref is required"));
        String filter = request.string("filter").orElse("");
        long start = request.message().integer("start").orElse(0L);
        long count = request.message().integer("count").orElse(100L);
        if (start < 0 || count < 0 || count > MAX_COUNT) {
            throw new BadRequestException(":start must be 0 or more and :count 0 to " + MAX_COUNT);
        }
        HeldObjects held = request.connection().heldObjects();
        Object value = held.get(ref).orElseThrow(() -> new BadRequestException("object " + ref + " is not held: it"
                + " was never shown on this connection, or more than " + HeldObjects.LIMIT + " were shown since;"
                + " evaluate it again"));
        request.onSession(evaluation -> {
            try {
                List<ObjectParts.Part> parts = new ArrayList<>();
                if (!filter.equals("indexed")) {
                    parts.addAll(ObjectParts.named(value));
                }
                if (!filter.equals("named")) {
                    parts.addAll(ObjectParts.indexed(value, (int) Math.min(start, Integer.MAX_VALUE), (int) count));
                }
                request.done(Plist.builder().put("parts",
                        Sexp.list(parts.stream().map(part -> describe(part, held).build().toSexp()).toList())));
            } catch (RuntimeException | LinkageError e) {
                request.fail(Wire.EVAL_ERROR, "could not look inside " + value.getClass().getName() + ": " + e,
                        Plist.builder());
            }
        });
    }

    /** A part as the wire carries it; one with parts of its own is held, and its number sent. */
    static Plist.Builder describe(ObjectParts.Part part, HeldObjects held) {
        Plist.Builder reply = Plist.builder().put("name", part.name()).put(Wire.VALUE, part.text())
                .put(Wire.TYPE, part.type());
        return part.value() == null ? reply : holding(reply, part.value(), held);
    }

    /** Adds {@code :ref :indexed :named} for {@code value}, which has parts, to {@code reply}. */
    static Plist.Builder holding(Plist.Builder reply, Object value, HeldObjects held) {
        return reply.put("ref", held.hold(value)).put("indexed", ObjectParts.indexedCount(value))
                .put("named", ObjectParts.namedCount(value));
    }
}
