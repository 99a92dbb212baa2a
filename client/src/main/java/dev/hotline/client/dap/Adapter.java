package dev.hotline.client.dap;

import dev.hotline.client.connection.ServiceLink;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * What the parts of one debug session share once it is attached: the line to the service, the IDE to tell
 * things to, the reference and snapshot numbers, where sources are, and the session evaluations run in.
 */
final class Adapter {
    private final ServiceLink link;
    private final IDebugProtocolClient client;
    private final SourceMap sources;
    private final String session;
    private final int columnBase;
    private final References references = new References();
    private final Snapshots snapshots = new Snapshots();

    /**
     * @param session the service's session evaluations run in ({@code main} unless the configuration names one)
     * @param columnBase 1 when the IDE counts columns from 1 (the default), else 0
     */
    Adapter(ServiceLink link, IDebugProtocolClient client, SourceMap sources, String session, int columnBase) {
        this.link = link;
        this.client = client;
        this.sources = sources;
        this.session = session;
        this.columnBase = columnBase;
    }

    ServiceLink link() {
        return link;
    }

    IDebugProtocolClient client() {
        return client;
    }

    SourceMap sources() {
        return sources;
    }

    String session() {
        return session;
    }

    int columnBase() {
        return columnBase;
    }

    References references() {
        return references;
    }

    Snapshots snapshots() {
        return snapshots;
    }

    /** Shows {@code text} in the Debug Console; {@code category} is DAP's: console, stdout, stderr, important. */
    void output(String category, String text) {
        output(category, text, null, 0);
    }

    /** Shows {@code text} in the Debug Console, linked to a line of {@code source} when it is given. */
    void output(String category, String text, Source source, int line) {
        output(client, category, text, source, line);
    }

    /** Shows {@code text} in {@code client}'s Debug Console (before a session is attached, too). */
    static void output(IDebugProtocolClient client, String category, String text, Source source, int line) {
        OutputEventArguments output = new OutputEventArguments();
        output.setCategory(category);
        output.setOutput(text);
        if (source != null) {
            output.setSource(source);
            output.setLine(line);
        }
        client.output(output);
    }

    /** A request refused with {@code message}, which the IDE shows the user. */
    static <T> CompletableFuture<T> refuse(String message) {
        return CompletableFuture.failedFuture(new ResponseErrorException(
                new ResponseError(ResponseErrorCode.InvalidRequest, message, null)));
    }
}
