package dev.hotline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
    @Test
    void splitsPairsInOrder() {
        assertEquals(Map.of("name", "greeter", "port", "0", "dir", "/tmp/run"),
                AgentOptions.parse("name=greeter,port=0,dir=/tmp/run"));
        assertTrue(AgentOptions.parse(null).isEmpty());
        assertTrue(AgentOptions.parse(" ").isEmpty());
    }

    @Test
    void refusesPiecesThatAreNotPairsAndRepeatedKeys() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("name=a,oops"))
                .getMessage().contains("'oops'"));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("=x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("port=1,port=2"))
                .getMessage().contains("twice"));
    }
}
