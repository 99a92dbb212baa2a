package dev.hotline.client.kernel;

import dev.hotline.client.connection.Answer;
import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.ServiceLink;
import dev.hotline.client.core.CliException;
import dev.hotline.protocol.Plist;
import dev.hotline.protocol.SessionNames;
import dev.hotline.protocol.Sexp;
import dev.hotline.protocol.Wire;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The kernel's line to the service: one native connection, opened when a request first needs it and opened again
 * after the service went away (a restarted service is found again where its target says), and the session the
 * cells run in. The first evaluation in a session over a connection declares the {@code Display} helper there.
 */
final class ServiceLine implements AutoCloseable {
    /** How long a request that is not a cell may take (a cell may take as long as it takes). */
    static final long QUICK_SECONDS = 30;

    /**
     * {@code Display.html(text)} and {@code Display.markdown(text)}: what a cell returns to show text as that type.
     * The service's MIME bundles use IPython's {@code _repr_*_} methods, so any class of the application can do the
     * same.
     */
    static final String DISPLAY_HELPER = """
            final class Display {
                private final String mime;
                private final String text;
                private Display(String mime, String text) { this.mime = mime; this.text = text; }
                /** Shows {@code html} as HTML in a notebook. */
                static Display html(String html) { return new Display("text/html", html); }
                /** Shows {@code markdown} as Markdown in a notebook. */
                static Display markdown(String markdown) { return new Display("text/markdown", markdown); }
                public String _repr_html_() { return mime.equals("text/html") ? text : null; }
                public String _repr_markdown_() { return mime.equals("text/markdown") ? text : null; }
                @Override public String toString() { return text; }
            }
            """;

    private final JupyterKernel.Locator locator;
    private final Consumer<String> log;
    private ServiceLink link;
    private final Set<String> sessionsWithHelper = new HashSet<>();
    private volatile String session = SessionNames.DEFAULT;

    ServiceLine(JupyterKernel.Locator locator, Consumer<String> log) {
        this.locator = locator;
        this.log = log;
    }

    String session() {
        return session;
    }

    void session(String name) {
        session = name;
    }

    /** The link, connecting first when there is none. */
    synchronized ServiceLink link() throws IOException, CliException {
        if (link == null) {
            NativeConnection connection = NativeConnection.open(locator.locate());
            link = new ServiceLink(connection, why -> ended(why));
            sessionsWithHelper.clear();
        }
        return link;
    }

    private synchronized void ended(String why) {
        log.accept("the connection to the service ended (" + why + "); the next request connects again");
        link = null;
    }

    /** A quick request in the kernel's session, answered within {@value #QUICK_SECONDS} seconds. */
    Answer call(String op, Plist.Builder arguments) throws IOException, CliException {
        return await(link().call(op, arguments.put(Wire.SESSION, session)), QUICK_SECONDS);
    }

    /** Evaluates a cell in the kernel's session, giving each reply to {@code each} as it comes. */
    Answer eval(String code, Consumer<Plist> each) throws IOException, CliException {
        ServiceLink current = link();
        declareHelper(current);
        return await(current.call("eval", Plist.builder().put(Wire.CODE, code).put(Wire.SESSION, session)
                .put("display", Sexp.T), each), 0);
    }

    private void declareHelper(ServiceLink current) throws IOException, CliException {
        String name = session;
        synchronized (this) {
            if (!sessionsWithHelper.add(name)) {
                return;
            }
        }
        Answer answer = await(current.call("eval", Plist.builder().put(Wire.CODE, DISPLAY_HELPER)
                .put(Wire.SESSION, name)), QUICK_SECONDS);
        if (answer.failed()) { // an observe connection may not evaluate: cells will say so themselves
            log.accept("could not declare Display in session " + name + ": " + answer.message().orElse("?"));
        }
    }

    /** Waits for an answer; {@code seconds} 0 waits as long as it takes. */
    static Answer await(CompletableFuture<Answer> answer, long seconds)
            throws IOException, CliException {
        try {
            return seconds == 0 ? answer.get() : answer.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the service did not answer within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the service");
        }
    }

    @Override
    public synchronized void close() {
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
