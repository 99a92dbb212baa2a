package dev.hotline.samples.greeter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotline.samples.PortFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small HTTP service: {@code GET /greet?name=Ada} answers {@code Hello, Ada! (visit #1)}, and a blank name 400. Its template
 * and hit counter live in {@link Greeter}'s statics, for Hotline to poke at.
 *
 * <p>Arguments: {@code --http-port N} (default 0: any free port), {@code --plugins DIR} (jars of greeting
 * decorators), {@code --tick-millis N} (a background thread prints a status line to stdout that often;
 * 0, the default, for none), {@code --port-file F} (write the HTTP port there), {@code --hang-on-shutdown} (a
 * shutdown hook that never returns: a service that cannot stop by itself). On start it prints
 * {@code greeter: http://127.0.0.1:PORT/greet}.
 */
public final class GreeterService {
    private static volatile int httpPort;

    private GreeterService() {
    }

    /** The port the HTTP server listens on. */
    public static int httpPort() {
        return httpPort;
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        long tickMillis = 0;
        Path portFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--http-port" -> port = Integer.parseInt(args[++i]);
                case "--plugins" -> Plugins.load(Path.of(args[++i]));
                case "--tick-millis" -> tickMillis = Long.parseLong(args[++i]);
                case "--port-file" -> portFile = Path.of(args[++i]);
                case "--hang-on-shutdown" -> Runtime.getRuntime().addShutdownHook(new Thread(GreeterService::hang));
                default -> {
                    System.err.println("greeter: unknown argument " + args[i]
                            + "; use --http-port N, --plugins DIR, --tick-millis N, --port-file F, --hang-on-shutdown");
                    System.exit(2);
                }
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/greet", GreeterService::greet);
        server.start();
        httpPort = server.getAddress().getPort();
        System.out.println("greeter: http://127.0.0.1:" + httpPort + "/greet");
        if (portFile != null) {
            PortFile.write(portFile, httpPort);
        }
        if (tickMillis > 0) {
            startTicker(tickMillis);
        }
    }

    private static void greet(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String name = "world";
        if (query != null && query.startsWith("name=")) {
            name = URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8);
        }
        int status = 200;
        String text;
        try {
            text = Plugins.decorate(Greeter.greet(name));
        } catch (IllegalArgumentException e) {
            status = 400;
            text = e.getMessage();
        }
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void hang() {
        System.out.println("greeter: shutting down... and hanging there");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep hanging: this is the service that will not stop
            }
        }
    }

    private static void startTicker(long millis) {
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(millis);
                    System.out.println("greeter-tick: " + Greeter.HITS.get() + " hits so far");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "greeter-ticker");
        ticker.setDaemon(true);
        ticker.start();
    }
}
