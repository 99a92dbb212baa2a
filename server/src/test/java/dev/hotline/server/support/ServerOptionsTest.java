package dev.hotline.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Test
    void defaultsAreSafe() {
        ServerOptions o = ServerOptions.from(Map.of());
        assertEquals("127.0.0.1", o.host());
        assertTrue(o.authRequired());
        assertEquals(0, o.port());
        assertTrue(o.name().startsWith("jvm-"));
        assertTrue(o.loopbackOnly());
    }

    @Test
    void readsEveryKey() {
        ServerOptions o = ServerOptions.from(Map.of("name", "svc", "dir", "/tmp/x", "port", "7000", "host", "0.0.0.0",
                "auth", "none", "max-frame", "4096", "auth-timeout", "3", "tls", "true"));
        assertEquals(7000, o.port());
        assertFalse(o.authRequired());
        assertFalse(o.loopbackOnly());
        assertTrue(o.tls());
        assertEquals(4096, o.maxFrameBytes());
        assertEquals("/tmp/x", o.dir().toString());
    }

    @Test
    void aHostOffLoopbackNeedsTls() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("host", "0.0.0.0")))
                .getMessage().startsWith("option host=0.0.0.0 is not a loopback address"));
        assertTrue(ServerOptions.from(Map.of("host", "127.0.0.2")).loopbackOnly(), "all of 127/8 is loopback");
        assertTrue(ServerOptions.from(Map.of("host", "0.0.0.0", "tcp", "false")).socket() != null,
                "no TCP port, nothing to protect");
    }

    @Test
    void badValuesNameTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("prot", "1")))
                .getMessage().contains("unknown option 'prot'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("port", "x")))
                .getMessage().contains("port=x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("port", "70000")))
                .getMessage().contains("0 to 65535"));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("auth", "maybe")));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("name", "../etc")));
    }

    @Test
    void probeLimitsHaveTheAnchorsDefaultsAndEachIsAnOption() {
        assertEquals(new ProbeLimits(1, 12, 20, 64), ServerOptions.from(Map.of()).probes());
        assertEquals(new ProbeLimits(0.5, 100, 4, 16), ServerOptions.from(Map.of("probe-budget", "0.5",
                "probe-rate", "100", "probe-bytes", "4", "probe-capture", "16")).probes());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerOptions.from(Map.of("probe-capture",
                "0"))).getMessage().contains("probe-capture=0"));
    }
}
