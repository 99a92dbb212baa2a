package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on a free loopback port, with its own host and user keys, for tests of ssh://
 * targets: the far side is this machine, as the test's user, and its {@code hotline} the client jar just built.
 */
final class Sshd implements AutoCloseable {
    private final Process process;
    private final Map<String, String> env;

    private Sshd(Process process, Map<String, String> env) {
        this.process = process;
        this.env = env;
    }

    /** Starts one, with its files in {@code dir}, and waits until it lets the test's user in. */
    static Sshd start(Path dir) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("ssh"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("user").toString());
        Files.copy(keys.resolve("user.pub"), keys.resolve("authorized_keys"));
        Files.setPosixFilePermissions(keys.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(Path.of("/run/sshd")); // sshd insists on its privilege-separation directory
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-f", "/dev/null", "-D", "-e", "-p", String.valueOf(port),
                "-o", "ListenAddress=127.0.0.1", "-o", "HostKey=" + keys.resolve("host"),
                "-o", "AuthorizedKeysFile=" + keys.resolve("authorized_keys"), "-o", "PasswordAuthentication=no",
                "-o", "PermitRootLogin=prohibit-password", "-o", "StrictModes=no", "-o", "UsePAM=no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Path config = Files.writeString(keys.resolve("config"), "Host *\n  Port " + port + "\n  IdentityFile "
                + keys.resolve("user") + "\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n");
        Path remoteHotline = Files.writeString(dir.resolve("hotline"), "#!/bin/sh\nexec '" + Jdk.build().java()
                + "' -jar '" + Artifacts.clientJar() + "' \"$@\"\n");
        Files.setPosixFilePermissions(remoteHotline, PosixFilePermissions.fromString("rwx------"));
        Sshd started = new Sshd(sshd, Map.of("HOTLINE_SSH", "ssh -F " + config, "HOTLINE_REMOTE", remoteHotline.toString()));
        started.awaitLogin(config);
        return started;
    }

    /** The environment under which the CLI's ssh:// targets reach this server. */
    Map<String, String> env() {
        return env;
    }

    private void awaitLogin(Path config) throws Exception {
        for (int i = 0; i < 100; i++) {
            Process probe = new ProcessBuilder(List.of("ssh", "-F", config.toString(), "-T", "127.0.0.1", "true"))
                    .redirectErrorStream(true).start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the test's sshd did not let the test's user in");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
    }

    @Override
    public void close() {
        process.destroy();
    }
}
