package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd ({@code NOTIFY_SOCKET} set) the agent sends READY=1 once it listens and STOPPING=1 at shutdown,
 * from the JVM's own pid. A small Python receiver stands in for systemd: it binds a UNIX datagram socket and
 * prints each message with the sender's pid, from SO_PASSCRED credentials, as systemd checks them.
 */
class SystemdNotifyTest {
    private static final String RECEIVER = String.join("\n",
            "import socket, struct, sys",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)",
            "s.bind(sys.argv[1]); s.settimeout(60)",
            "print('bound', flush=True)",
            "while True:",
            "    msg, anc, flags, addr = s.recvmsg(4096, socket.CMSG_SPACE(12))",
            "    pid = [struct.unpack('iII', d[:12])[0] for l, t, d in anc if t == socket.SCM_CREDENTIALS]",
            "    print('%s %s' % (pid[0] if pid else '?', msg.decode().replace(chr(10), ' ')), flush=True)",
            "    if b'STOPPING=1' in msg: break");

    @Test
    void readyAndStoppingComeFromTheJvmOnJdk17AndJdk25(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("recv.py"), RECEIVER);
        for (Jdk jdk : List.of(Jdk.build(), Jdk.jdk25())) {
            Path socket = work.resolve("notify-" + jdk.label());
            Path received = work.resolve("received-" + jdk.label());
            Process receiver = new ProcessBuilder("python3", work.resolve("recv.py").toString(), socket.toString())
                    .redirectOutput(received.toFile()).redirectErrorStream(true).start();
            await(received, "bound");
            ProcessBuilder builder = new ProcessBuilder(jdk.java(), "-javaagent:" + Artifacts.agentJar() + "=name=sd,dir="
                    + work.resolve("run"), "-cp", Artifacts.samplesClassPath(), "dev.hotline.samples.greeter.GreeterService")
                    .redirectErrorStream(true).redirectOutput(work.resolve("service-" + jdk.label() + ".log").toFile());
            builder.environment().put("NOTIFY_SOCKET", socket.toString());
            Process service = builder.start();
            try {
                String ready = await(received, "READY=1");
                assertTrue(ready.contains(service.pid() + " READY=1 STATUS=Hotline listening on port"), ready);
                service.destroy(); // SIGTERM, as systemd stops a unit
                assertTrue(service.waitFor(30, TimeUnit.SECONDS));
                assertEquals(143, service.exitValue());
                String stopping = await(received, "STOPPING=1");
                assertTrue(stopping.contains(service.pid() + " STOPPING=1"), stopping);
            } finally {
                service.destroyForcibly();
                receiver.destroyForcibly();
            }
        }
    }

    private static String await(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the receiver never got '" + text + "'; it got:\n" + content);
    }
}
