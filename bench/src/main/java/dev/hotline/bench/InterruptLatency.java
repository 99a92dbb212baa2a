package dev.hotline.bench;

import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long an interrupt takes: for each snippet, start it, wait a second, send interrupt, and time until
 * the eval's final reply; then check the session still answers. Prints one line per snippet.
 * Usage: java -cp BENCH_CLASSPATH dev.hotline.bench.InterruptLatency PORTFILE TOKENFILE SNIPPET...
 */
public final class InterruptLatency {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(Files.readString(Path.of(args[0])).strip());
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            FrameReader in = new FrameReader(s.getInputStream(), Frames.MAX_ENCODABLE);
            out.write(Frames.encode(Files.readString(Path.of(args[1])).strip()));
            call(out, in, "(:op :eval :id 0 :code \"1+1\")");
            for (int i = 2; i < args.length; i++) {
                out.write(Frames.encode("(:op :eval :id 1 :code \"" + args[i].replace("\"", "\\\"") + "\")"));
                out.flush();
                Thread.sleep(1000);
                long t0 = System.nanoTime();
                out.write(Frames.encode("(:op :interrupt :id 2)"));
                out.flush();
                String end = null;
                while (end == null) {
                    String reply = in.read();
                    if (reply.startsWith("(:id 1 ") && reply.contains(":done")) {
                        end = reply;
                    }
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                String after = call(out, in, "(:op :eval :id 3 :code \"40+2\")");
                String kind = end.contains("could not be stopped") ? "abandoned, thread left running" : "stopped";
                System.out.printf("%-55s %8.1f ms  %-32s session after: %s%n", args[i], ms, kind,
                        after.contains("\"42\"") ? "ok" : after);
            }
        }
    }

    private static String call(OutputStream out, FrameReader in, String request) throws Exception {
        out.write(Frames.encode(request));
        out.flush();
        StringBuilder all = new StringBuilder();
        String reply;
        do {
            reply = in.read();
            all.append(reply);
        } while (!reply.contains(":done"));
        return all.toString();
    }
}
