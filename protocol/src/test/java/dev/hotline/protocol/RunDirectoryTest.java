package dev.hotline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDirectoryTest {
    @Test
    void filesAreNamedAfterTheService() {
        RunDirectory run = new RunDirectory(Path.of("/run/orders"), "orders");
        assertEquals(Path.of("/run/orders/orders.port"), run.portFile());
        assertEquals(Path.of("/run/orders/orders.token"), run.tokenFile());
        assertEquals(Path.of("/run/orders/orders.image"), run.imageFile());
        assertEquals(run.tokenFile(), RunDirectory.tokenFileBeside(run.portFile()));
    }

    @Test
    void agentArgumentsJoinPairsInOrderAndRefuseCommasInValues() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("name", "orders");
        options.put("dir", "/run/orders");
        assertEquals("name=orders,dir=/run/orders", RunDirectory.agentArguments(options));
        options.put("image", "/tmp/a,b.image");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.agentArguments(options));
        assertTrue(e.getMessage().contains("holds a comma"), e.getMessage());
    }
}
