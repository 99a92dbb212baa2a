package dev.hotline.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the agent's argument string, {@code key=value,key=value}, into a map. Which keys exist and what
 * their values mean is the server's business ({@code dev.hotline.server.ServerOptions}); this class only
 * refuses text that is not a list of pairs, so the message can name the bad piece.
 */
final class AgentOptions {
    private AgentOptions() {
    }

    /**
     * @param args the text after {@code =} in {@code -javaagent:hotline-agent.jar=...}; null or blank for none
     * @throws IllegalArgumentException naming the piece that is not {@code key=value}, or a repeated key
     */
    static Map<String, String> parse(String args) {
        Map<String, String> options = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return options;
        }
        for (String piece : args.split(",")) {
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("agent option '" + piece + "' is not key=value");
            }
            String key = piece.substring(0, eq).trim();
            if (options.put(key, piece.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("agent option '" + key + "' given twice");
            }
        }
        return options;
    }
}
