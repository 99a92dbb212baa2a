package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.dap.HotlineDebugServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hotline dap}: a Debug Adapter Protocol server for IDEs, speaking Hotline's native protocol to the service. */
@Command(name = "dap", mixinStandardHelpOptions = true,
        description = {"Runs a debug adapter (the Debug Adapter Protocol) on standard input and output, for VS Code,"
                + " IntelliJ (LSP4IJ), Neovim (nvim-dap) and Emacs (dap-mode, dape).",
                "Breakpoints never stop the service: one with a log message is a logpoint, any other takes a snapshot"
                        + " of the locals, shown as a stopped thread of its own that continue dismisses. The Debug"
                        + " Console evaluates Java in the service's session. Disconnecting removes the adapter's"
                        + " probes and leaves the service running."})
public final class DapCommand implements Callable<Integer> {
    /** How long the adapter lingers after answering disconnect, so the answer is written before it exits. */
    private static final long EXIT_DELAY_MILLIS = 500;

    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "The service an attach configuration that names"
            + " none attaches to: a config file, a service's name, ssh://... or kubectl://...")
    String service;

    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory for service names (default: the"
            + " config's run-dir, else ~/.hotline/run).")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on this loopback port for IDEs that connect"
            + " (0: any free port, printed on stderr), instead of standard input and output.")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port == null) {
            InputStream in = new FileInputStream(FileDescriptor.in);
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            serve(in, out, () -> exitSoon());
            return ExitCodes.OK;
        }
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCodes.USAGE, "--port takes 0 to 65535, got " + port);
        }
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Console.stderr().println("hotline dap: listening on 127.0.0.1:" + server.getLocalPort());
            Console.stderr().flush();
            while (true) {
                try (Socket ide = server.accept()) {
                    serve(ide.getInputStream(), ide.getOutputStream(), () -> { });
                }
            }
        }
    }

    /** Serves one IDE until its side of the connection ends. */
    private void serve(InputStream in, OutputStream out, Runnable onDisconnect)
            throws InterruptedException, IOException {
        HotlineDebugServer server = new HotlineDebugServer(
                (name, runDir, portFile, tokenFile) -> {
                    TargetOptions options = new TargetOptions();
                    options.dir = runDir;
                    options.portFile = portFile;
                    options.tokenFile = tokenFile;
                    return options.locate(name).target();
                }, service, dir, onDisconnect);
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (ExecutionException e) {
            Console.stderr().println("hotline dap: the IDE's connection failed: " + e.getCause());
        }
    }

    private static void exitSoon() {
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(EXIT_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(0);
        }, "hotline-dap-exit");
        exit.setDaemon(true);
        exit.start();
    }
}
