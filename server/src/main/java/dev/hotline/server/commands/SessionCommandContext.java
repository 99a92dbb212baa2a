package dev.hotline.server.commands;

import dev.hotline.server.ServerContext;
import dev.hotline.server.eval.Session;

/** The part of a {@link CommandContext} every caller has the same: the server, the session and its evaluator. */
public abstract class SessionCommandContext implements CommandContext {
    private final ServerContext server;
    private final Session session;
    private final Session.Evaluation evaluation;

    protected SessionCommandContext(ServerContext server, Session session, Session.Evaluation evaluation) {
        this.server = server;
        this.session = session;
        this.evaluation = evaluation;
    }

    @Override
    public ServerContext server() {
        return server;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public Session.Evaluation evaluation() {
        return evaluation;
    }
}
