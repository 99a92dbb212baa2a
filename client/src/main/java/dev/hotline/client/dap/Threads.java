package dev.hotline.client.dap;

import dev.hotline.client.connection.ServiceLink;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.ProbeHit;
import dev.hotline.protocol.Sexp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;

/**
 * The Threads and Call Stack panes: the service's live threads, which never stop, and one stopped thread per
 * snapshot, whose stack, scopes and exception come from its capture. Continuing a snapshot dismisses it.
 */
final class Threads {
    /** Why a live thread cannot be stopped, stepped or continued. */
    static final String NEVER_STOPS = "Hotline never stops the service's threads: a breakpoint takes a snapshot of"
            + " the locals (shown as a thread of its own) or logs a line, and the service runs on";

    private final Adapter adapter;

    Threads(Adapter adapter) {
        this.adapter = adapter;
    }

    CompletableFuture<ThreadsResponse> threads() {
        return adapter.link().call("threads", Plist.builder().put("list", Sexp.T)).thenApply(answer -> {
            List<Thread> threads = new ArrayList<>();
            if (answer.last().get("threads").orElse(Sexp.NIL) instanceof Sexp.Lst live) {
                for (Sexp item : live.items()) {
                    Plist t = ServiceLink.plist(item);
                    long id = t.integer("id").orElse(0L);
                    if (id > 0 && id < Snapshots.FIRST_THREAD_ID) {
                        threads.add(thread((int) id, t.string("name").orElse("?")));
                    }
                }
            }
            adapter.snapshots().all().forEach(s -> threads.add(thread(s.threadId(), s.name())));
            ThreadsResponse response = new ThreadsResponse();
            response.setThreads(threads.toArray(Thread[]::new));
            return response;
        });
    }

    private static Thread thread(int id, String name) {
        Thread thread = new Thread();
        thread.setId(id);
        thread.setName(name);
        return thread;
    }

    CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        StackTraceResponse response = new StackTraceResponse();
        Snapshots.Snapshot snapshot = adapter.snapshots().get(args.getThreadId()).orElse(null);
        if (snapshot == null) {
            response.setStackFrames(new StackFrame[0]);
            response.setTotalFrames(0);
            return CompletableFuture.completedFuture(response);
        }
        List<String> stack = stack(snapshot.hit());
        int start = args.getStartFrame() == null ? 0 : Math.min(args.getStartFrame(), stack.size());
        int end = args.getLevels() == null || args.getLevels() <= 0 ? stack.size()
                : Math.min(stack.size(), start + args.getLevels());
        List<StackFrame> frames = new ArrayList<>();
        for (int i = start; i < end; i++) {
            StackFrame frame = new StackFrame();
            frame.setId(adapter.snapshots().frameId(snapshot, i));
            Optional<SourceMap.Frame> parsed = SourceMap.frame(stack.get(i));
            frame.setName(parsed.map(SourceMap.Frame::label).orElse(stack.get(i)));
            parsed.filter(p -> p.line() > 0).ifPresent(p -> {
                frame.setSource(adapter.sources().source(p));
                frame.setLine(p.line());
            });
            frame.setColumn(parsed.isPresent() ? 1 : 0);
            frames.add(frame);
        }
        response.setStackFrames(frames.toArray(StackFrame[]::new));
        response.setTotalFrames(stack.size());
        return CompletableFuture.completedFuture(response);
    }

    /** The snapshot's stack; a capture without one is the probed line alone. */
    private static List<String> stack(ProbeHit hit) {
        if (!hit.stack().isEmpty()) {
            return hit.stack();
        }
        String place = hit.place();
        int colon = place.lastIndexOf(':');
        String type = colon < 0 ? place : place.substring(0, colon);
        return List.of(type + ".(" + type.substring(type.lastIndexOf('.') + 1) + ".java:" + SourceMap.lineOf(place) + ")");
    }

    /** The captured locals belong to the frame of the probed line: the first, or for a catch the one it left from. */
    CompletableFuture<ScopesResponse> scopes(int frameId) {
        ScopesResponse response = new ScopesResponse();
        response.setScopes(adapter.snapshots().frame(frameId).filter(f -> f.index() == localsFrame(f.snapshot().hit()))
                .map(f -> {
                    Scope scope = new Scope();
                    scope.setName("Locals (captured)");
                    scope.setPresentationHint("locals");
                    scope.setVariablesReference(adapter.references().add(new References.CapturedLocals(f.snapshot().hit())));
                    return new Scope[] {scope};
                }).orElse(new Scope[0]));
        return CompletableFuture.completedFuture(response);
    }

    private static int localsFrame(ProbeHit hit) {
        List<String> stack = stack(hit);
        int line = SourceMap.lineOf(hit.place());
        String type = hit.place().substring(0, Math.max(0, hit.place().lastIndexOf(':')));
        for (int i = 0; i < stack.size(); i++) {
            Optional<SourceMap.Frame> frame = SourceMap.frame(stack.get(i));
            if (frame.isPresent() && frame.get().line() == line && frame.get().className().equals(type)) {
                return i;
            }
        }
        return 0;
    }

    CompletableFuture<ContinueResponse> resume(int threadId) {
        if (adapter.snapshots().remove(threadId).isEmpty()) {
            return Adapter.refuse(NEVER_STOPS + ": there is nothing to continue");
        }
        ThreadEventArguments exited = new ThreadEventArguments();
        exited.setReason("exited");
        exited.setThreadId(threadId);
        adapter.client().thread(exited);
        ContinueResponse response = new ContinueResponse();
        response.setAllThreadsContinued(false);
        return CompletableFuture.completedFuture(response);
    }

    CompletableFuture<ExceptionInfoResponse> exceptionInfo(int threadId) {
        Optional<String> thrown = adapter.snapshots().get(threadId).flatMap(s -> s.hit().thrown());
        if (thrown.isEmpty()) {
            return Adapter.refuse("thread " + threadId + " is not an exception's snapshot");
        }
        String text = thrown.get();
        int colon = text.indexOf(": ");
        ExceptionInfoResponse response = new ExceptionInfoResponse();
        response.setExceptionId(colon < 0 ? text : text.substring(0, colon));
        response.setDescription(colon < 0 ? null : text.substring(colon + 2));
        response.setBreakMode(ExceptionBreakMode.ALWAYS);
        ExceptionDetails details = new ExceptionDetails();
        details.setFullTypeName(response.getExceptionId());
        details.setMessage(response.getDescription());
        details.setStackTrace(String.join("\n", adapter.snapshots().get(threadId).get().hit().stack()));
        response.setDetails(details);
        return CompletableFuture.completedFuture(response);
    }
}
