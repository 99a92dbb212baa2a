package dev.hotline.server.line;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The slash commands of the line protocol, in the order {@code /help} lists them. */
public final class SlashCommands {
    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();

    private SlashCommands() {
    }

    public static SlashCommands standard() {
        SlashCommands c = new SlashCommands();
        c.add(new SlashCommand("help", "", "lists these commands", (conn, args) -> conn.write(c.help())));
        c.add(new SlashCommand("status", "", "reports the service: pid, uptime, Java, heap, threads, sessions",
                (conn, args) -> conn.write(conn.context().status().toText())));
        c.add(new SlashCommand("quit", "", "closes this connection (the service keeps running)",
                (conn, args) -> conn.close()));
        return c;
    }

    private void add(SlashCommand command) {
        commands.put(command.name(), command);
    }

    public Optional<SlashCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    String help() {
        StringBuilder sb = new StringBuilder("Type Java; a snippet runs once it is complete. Commands:\n");
        commands.values().forEach(c -> sb.append(String.format("  /%-20s %s%n",
                c.usage().isEmpty() ? c.name() : c.name() + " " + c.usage(), c.doc())));
        return sb.toString();
    }
}
