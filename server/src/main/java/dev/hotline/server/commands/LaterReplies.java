package dev.hotline.server.commands;

import java.util.Locale;

/**
 * What a trace's and a probe's reports share when they go to line mode or the REPL: lines of text between the
 * answers, each prefixed with what they are about ({@code trace 2: }, {@code probe 1: }), while the client is
 * there and as fast as it reads.
 */
abstract class LaterReplies {
    protected final LaterOutput later;
    private final String kind;
    private final String reports;
    protected int number; // set by started(), before any report

    /**
     * @param kind {@code trace} or {@code probe}
     * @param reports what it reports, for the count of those not shown: {@code calls}, {@code hits}
     */
    LaterReplies(LaterOutput later, String kind, String reports) {
        this.later = later;
        this.kind = kind;
        this.reports = reports;
    }

    /** {@code trace 2: TEXT}, one line (or more, indented) of the report. */
    protected void line(String text) {
        later.write((number == 0 ? kind : kind + " " + number) + ": " + text + "\n");
    }

    public boolean isOpen() {
        return later.isOpen();
    }

    public boolean isWritable() {
        return later.isWritable();
    }

    public void flush() {
        later.flush();
    }

    public void note(String text) {
        line(text);
        later.flush();
    }

    public void dropped(long count) {
        line(String.format(Locale.ROOT, "%,d %s not shown (read too slowly)", count, reports));
    }

    /** The last report: {@code trace 2 ended (...)}. */
    protected void endedWith(String ending) {
        later.write(kind + " " + number + " ended " + ending + "\n");
        later.flush();
    }
}
