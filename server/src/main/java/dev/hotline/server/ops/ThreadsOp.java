package dev.hotline.server.ops;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import dev.hotline.server.image.Inspection;
import dev.hotline.server.image.ThreadTop;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every thread with its stack, or with {@code :top t} the threads that used the most CPU over an interval. It
 * runs beside the sessions, so it answers while an evaluation keeps one busy (which is when it is wanted).
 */
final class ThreadsOp implements Op {
    @Override
    public OpDescriptor descriptor() {
        return new OpDescriptor("threads", "Dumps every thread with its stack; with :top t, the threads that used the"
                + " most CPU over an interval, with their top frames.",
                List.of(OpDescriptor.Arg.optional("top", "t: the busiest threads instead of every thread"),
                        OpDescriptor.Arg.optional("list", "t: only each live thread's name, id and state, without stacks"),
                        OpDescriptor.Arg.optional("seconds", "the interval measured, 1 to 60 (default "
                                + ThreadTop.DEFAULT_SECONDS + ")"),
                        OpDescriptor.Arg.optional("count", "how many threads (default " + ThreadTop.DEFAULT_COUNT + ")")),
                ":report TEXT; with :list t, :threads ((:name N :id I :state S) ...) by id instead; with :top t also :threads ((:name N :id I :state S :cpu-percent \"87.5\""
                        + " :frames (\"...\")) ...), busiest first");
    }

    @Override
    public void handle(Request request) throws BadRequestException {
        if (request.message().flag("list")) {
            request.done(Plist.builder().put("threads", Sexp.list(Thread.getAllStackTraces().keySet().stream()
                    .sorted(Comparator.comparingLong(Thread::getId))
                    .map(t -> Plist.builder().put("name", t.getName()).put("id", t.getId())
                            .put("state", t.getState().name()).build().toSexp()).toList())));
            return;
        }
        if (!request.message().flag("top")) {
            request.done(Plist.builder().put("report", Inspection.threadDump()));
            return;
        }
        long seconds = request.message().integer("seconds").orElse((long) ThreadTop.DEFAULT_SECONDS);
        long count = request.message().integer("count").orElse((long) ThreadTop.DEFAULT_COUNT);
        if (seconds < 1 || seconds > 60 || count < 1) {
            throw new BadRequestException(":seconds must be 1 to 60 and :count at least 1; got " + seconds + " and " + count);
        }
        Duration interval = Duration.ofSeconds(seconds);
        Thread measuring = new Thread(() -> {
            try {
                List<ThreadTop.Row> rows = ThreadTop.measure(interval, (int) count);
                request.done(Plist.builder().put("report", ThreadTop.toText(rows, interval))
                        .put("threads", Sexp.list(rows.stream().map(ThreadsOp::toSexp).toList())));
            } catch (InterruptedException e) {
                request.failed("interrupted while measuring");
            } catch (UnsupportedOperationException e) {
                request.fail(Wire.BAD_REQUEST, e.getMessage(), Plist.builder());
            }
        }, "hotline-threads-top");
        measuring.setDaemon(true);
        measuring.start();
    }

    private static Sexp toSexp(ThreadTop.Row row) {
        return Plist.builder().put("name", row.name()).put("id", row.id()).put("state", row.state().name())
                .put("cpu-percent", String.format(Locale.ROOT, "%.1f", row.cpuPercent()))
                .put("frames", Sexp.list(row.frames().stream().map(f -> (Sexp) Sexp.str(f)).toList()))
                .build().toSexp();
    }
}
