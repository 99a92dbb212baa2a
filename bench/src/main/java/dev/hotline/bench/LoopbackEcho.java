package dev.hotline.bench;

import dev.hotline.protocol.Frames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The floor under any round trip: an eval-sized frame echoed back over loopback by a plain socket thread. */
final class LoopbackEcho {
    private LoopbackEcho() {
    }

    static Percentiles measure(int warmup, int n) throws Exception {
        byte[] request = Frames.encode("(:op :eval :id 1 :code \"1+1\")");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> echo(server, request.length), "echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] reply = new byte[request.length];
                long[] nanos = new long[n];
                for (int i = 0; i < warmup + n; i++) {
                    long t0 = System.nanoTime();
                    out.write(request);
                    out.flush();
                    in.readFully(reply);
                    if (i >= warmup) {
                        nanos[i - warmup] = System.nanoTime() - t0;
                    }
                }
                return new Percentiles(nanos);
            }
        }
    }

    private static void echo(ServerSocket server, int size) {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[size];
            while (new DataInputStream(in).read(buffer) > 0) {
                out.write(buffer);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed: the measurement is over
        }
    }
}
