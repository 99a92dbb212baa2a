import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Warm round trip of an eval over the native protocol: connects to a running service, warms up, then sends
 * the same request N times, one at a time, timing each from send to the reply that says done.
 * Usage: java -cp protocol.jar RoundTrip.java PORTFILE TOKENFILE CODE WARMUP N
 */
public class RoundTrip {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(Files.readString(Path.of(args[0])).strip());
        String token = Files.readString(Path.of(args[1])).strip();
        String code = args[2];
        int warmup = Integer.parseInt(args[3]);
        int n = Integer.parseInt(args[4]);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            FrameReader in = new FrameReader(new BufferedInputStream(s.getInputStream()), Frames.MAX_ENCODABLE);
            out.write(Frames.encode(token));
            long[] nanos = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                byte[] request = Frames.encode("(:op :eval :id " + i + " :code \"" + code + "\")");
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                String reply;
                do {
                    reply = in.read();
                } while (!reply.contains(":done"));
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%.2f %.2f%n", nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
        }
    }
}
