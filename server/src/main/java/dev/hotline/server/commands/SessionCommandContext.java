package dev.hotline.server.commands;

import dev.hotline.server.eval.Session;
import dev.hotline.server.service.Service;

/** The part of a {@link CommandContext} every caller has the same: the server, the session and its evaluator. */
public abstract class SessionCommandContext implements CommandContext {
    private final Service server;
    private final Session session;
    private final Session.Evaluation evaluation;

    protected SessionCommandContext(Service server, Session session, Session.Evaluation evaluation) {
        this.server = server;
        this.session = session;
        this.evaluation = evaluation;
    }

    @Override
    public Service server() {
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
