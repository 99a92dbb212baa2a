package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.protocol.FrameReader;
import dev.hotline.protocol.Frames;
import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Unix-domain socket beside the TCP port, {@code RUNDIR/NAME.sock}: no token, mode 0600, only the service's
 * own user let in (the kernel's {@code SO_PEERCRED}), removed on stop; {@code tcp=false} leaves only it.
 */
@ParameterizedClass(name = "on JDK {0}")
@MethodSource("dev.hotline.it.Jdk#targets")
class UnixSocketTest {
    @Parameter
    private Jdk jdk;

    @TempDir
    Path work;

    @Test
    void theSocketAsksNoTokenIsPrivateClientsPreferItAndItGoesAwayOnStop() throws Exception {
        TargetJvm greeter = TargetJvm.greeter(jdk, work, "");
        Path socket = greeter.runDir().resolve("greeter.sock");
        try {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel.write(ByteBuffer.wrap(Frames.encode("(:op \"eval\" :id 1 :code \"6 * 7\")")));
                FrameReader replies = new FrameReader(Channels.newInputStream(channel), Frames.MAX_ENCODABLE);
                assertTrue(replies.read().contains(":value \"42\""), "answered with no token first");
            }
            Files.delete(greeter.tokenFile());
            Cli.Result eval = Cli.eval(greeter, "6 * 8");
            assertEquals("48\n", eval.stdout(), "the CLI goes through the socket, which needs no token: " + eval);
            greeter.process().destroy(); // SIGTERM: the service stops as under systemd
            assertTrue(greeter.process().waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(socket), "the socket is removed when the service stops");
        } finally {
            greeter.close();
        }
    }

    @Test
    void anotherUserIsRefusedEvenWhenTheFileLetsThemIn() throws Exception {
        Path open = Files.createTempDirectory(Path.of("/tmp"), "hotline-socket",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path socket = open.resolve("greeter.sock");
        try (TargetJvm greeter = TargetJvm.greeter(jdk, work, "socket=" + socket)) {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            Process nobody = new ProcessBuilder("runuser", "-u", "nobody", "--", "python3", "-c",
                    "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket + "');"
                            + " s.sendall(b'1+1\\n'); print(s.recv(1000).decode())")
                    .redirectErrorStream(true).start();
            assertTrue(nobody.waitFor(30, TimeUnit.SECONDS));
            String said = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(said.contains("error: refused: only the service's user (" + System.getProperty("user.name")
                    + ") may connect to this socket"), said);
            assertTrue(greeter.stderr().contains("refused a connection on the Unix socket from user nobody"),
                    greeter.stderr());
            assertEquals("2\n", Cli.eval(greeter, "1+1").stdout(), "its own user still gets in");
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(open);
        }
    }

    @Test
    void withTcpFalseOnlyTheSocketListens() throws Exception {
        Path runDir = work.resolve("run");
        Path httpPortFile = work.resolve("http.port");
        Process jvm = new ProcessBuilder(jdk.java(), "-javaagent:" + Artifacts.agentJar() + "=name=quiet,dir=" + runDir
                + ",tcp=false", "-cp", Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService",
                "--port-file", httpPortFile.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("quiet.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            Path socket = runDir.resolve("quiet.sock");
            for (int i = 0; i < 300 && !Files.exists(socket); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(socket), Files.readString(work.resolve("quiet.log")));
            assertFalse(Files.exists(runDir.resolve("quiet.port")), "no port file");
            for (int i = 0; i < 300 && !Files.exists(httpPortFile); i++) {
                Thread.sleep(100);
            }
            int httpPort = Integer.parseInt(Files.readString(httpPortFile).strip());
            assertEquals(Set.of(httpPort), listeningTcpPorts(jvm.pid()), "only the greeter's own HTTP port listens");
            Cli.Result eval = Cli.run("", "eval", "--dir", runDir.toString(), "--name", "quiet", "6 * 7");
            assertEquals("42\n", eval.stdout(), eval::toString);
        } finally {
            jvm.destroy();
            jvm.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The local ports of the TCP sockets in LISTEN state that process {@code pid} holds open. */
    private static Set<Integer> listeningTcpPorts(long pid) throws IOException {
        Set<String> held = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        held.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] f = line.strip().split("\\s+");
                if (f[3].equals("0A") && held.contains(f[9])) {
                    listening.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return listening;
    }
}
