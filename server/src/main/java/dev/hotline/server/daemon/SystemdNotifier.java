package dev.hotline.server.daemon;

import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * Tells systemd how the service is doing ({@code Type=notify}), when it runs under systemd
 * ({@code NOTIFY_SOCKET} is set): {@code READY=1} once Hotline listens, {@code STOPPING=1} when the JVM shuts
 * down. Messages come from the JVM's own pid, so {@code NotifyAccess=main} is enough.
 *
 * <p>The JDK cannot send UNIX datagrams, so this uses jnr-unixsocket, whose first use costs most of a second
 * (native initialisation): it is touched only when {@code NOTIFY_SOCKET} is set, on the server's start thread.
 */
public final class SystemdNotifier {
    private SystemdNotifier() {
    }

    /** True when systemd asked for notifications. */
    public static boolean wanted() {
        String socket = System.getenv("NOTIFY_SOCKET");
        return socket != null && !socket.isBlank();
    }

    /** Sends {@code READY=1} and registers {@code STOPPING=1} for shutdown; does nothing outside systemd. */
    public static void readyAndStoppingOnExit(String status) {
        if (!wanted()) {
            return;
        }
        // The hook first: systemd may stop the unit the moment it hears READY.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> send("STOPPING=1\n"), "hotline-sd-notify"));
        send("READY=1\nSTATUS=" + status + "\nMAINPID=" + ProcessHandle.current().pid() + "\n");
    }

    private static void send(String message) {
        String socket = System.getenv("NOTIFY_SOCKET");
        // An abstract socket is written with a leading '@'; on the wire its name starts with a NUL byte.
        String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), new UnixSocketAddress(path));
        } catch (IOException | RuntimeException | LinkageError e) {
            ServerLog.warn("cannot notify systemd through " + socket + ": " + e);
        }
    }
}
