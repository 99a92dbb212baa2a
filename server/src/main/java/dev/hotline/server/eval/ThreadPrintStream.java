package dev.hotline.server.eval;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A {@code System.out} or {@code System.err} that passes every call to the writing thread's own stream. A
 * {@link PrintStream} holds its lock while it writes, and a session's stream waits while its client reads slowly
 * (backpressure); if all threads shared one stream, a client that reads nothing would hold up every thread that
 * prints, the application's own logging included. Here the application's threads lock only the original stream,
 * and each session's threads only their session's.
 */
final class ThreadPrintStream extends PrintStream {
    private final Supplier<PrintStream> current;

    /**
     * @param fallback where this stream's own (unused) buffer would go; never written, since every call is passed on
     * @param current the stream of the calling thread
     */
    ThreadPrintStream(PrintStream fallback, Supplier<PrintStream> current) {
        super(fallback, true);
        this.current = current;
    }

    @Override
    public void flush() {
        current.get().flush();
    }

    @Override
    public void close() {
        current.get().close();
    }

    @Override
    public boolean checkError() {
        return current.get().checkError();
    }

    @Override
    public void write(int b) {
        current.get().write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        current.get().write(buf, off, len);
    }

    @Override
    public void write(byte[] buf) {
        current.get().write(buf, 0, buf.length);
    }

    @Override
    public void writeBytes(byte[] buf) {
        current.get().write(buf, 0, buf.length);
    }

    @Override
    public void print(boolean b) {
        current.get().print(b);
    }

    @Override
    public void print(char c) {
        current.get().print(c);
    }

    @Override
    public void print(int i) {
        current.get().print(i);
    }

    @Override
    public void print(long l) {
        current.get().print(l);
    }

    @Override
    public void print(float f) {
        current.get().print(f);
    }

    @Override
    public void print(double d) {
        current.get().print(d);
    }

    @Override
    public void print(char[] s) {
        current.get().print(s);
    }

    @Override
    public void print(String s) {
        current.get().print(s);
    }

    @Override
    public void print(Object obj) {
        current.get().print(obj);
    }

    @Override
    public void println() {
        current.get().println();
    }

    @Override
    public void println(boolean x) {
        current.get().println(x);
    }

    @Override
    public void println(char x) {
        current.get().println(x);
    }

    @Override
    public void println(int x) {
        current.get().println(x);
    }

    @Override
    public void println(long x) {
        current.get().println(x);
    }

    @Override
    public void println(float x) {
        current.get().println(x);
    }

    @Override
    public void println(double x) {
        current.get().println(x);
    }

    @Override
    public void println(char[] x) {
        current.get().println(x);
    }

    @Override
    public void println(String x) {
        current.get().println(x);
    }

    @Override
    public void println(Object x) {
        current.get().println(x);
    }

    @Override
    public PrintStream printf(String format, Object... args) {
        current.get().printf(format, args);
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        current.get().printf(l, format, args);
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        current.get().format(format, args);
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        current.get().format(l, format, args);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        current.get().append(csq);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        current.get().append(csq, start, end);
        return this;
    }

    @Override
    public PrintStream append(char c) {
        current.get().append(c);
        return this;
    }
}
