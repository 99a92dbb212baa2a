package dev.hotline.client.commands;

import dev.hotline.client.core.AuditRecords;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Prints the service's audit log (RUNDIR/NAME.audit.jsonl and its rotated files) as a table: "
                + "who ran or changed what code, when, through which dialect, and how it went.",
                "Read on the service's host (through ssh there for a remote one)."})
public final class AuditCommand implements Callable<Integer> {
    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    @Mixin
    ServiceOptions service;

    @Option(names = "--since", paramLabel = "WHEN", description = "Only records from then on: an instant"
            + " (2026-12-01T09:00:00Z) or a time ago (30m, 2h, 1d).")
    String since;

    @Option(names = "--json", description = "The records as they are, one JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunDirectory run = service.run();
        Instant from = since == null ? Instant.MIN : parseSince(since);
        List<String> lines = new ArrayList<>();
        for (int n = 4; n >= 0; n--) {
            Path file = n == 0 ? run.auditFile() : run.auditFile().resolveSibling(run.auditFile().getFileName() + "." + n);
            if (Files.exists(file)) {
                try {
                    lines.addAll(Files.readAllLines(file));
                } catch (IOException e) {
                    throw new CliException(ExitCodes.FAILED, "cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        if (lines.isEmpty()) {
            throw new CliException(ExitCodes.FAILED, "no audit log for " + run.name() + " in " + run.dir()
                    + " (nothing audited yet, or the agent runs with audit=off)");
        }
        PrintWriter out = Console.stdout();
        if (!json) {
            out.printf("%-24s %-6s %-22s %-8s %-8s %-14s %8s  %s%n", "time", "via", "from", "session", "op", "outcome",
                    "ms", "code");
        }
        for (String line : lines) {
            Map<String, String> record = AuditRecords.parse(line);
            Instant time = Instant.parse(record.getOrDefault("time", Instant.EPOCH.toString()));
            if (time.isBefore(from)) {
                continue;
            }
            if (json) {
                out.println(line);
            } else {
                out.printf(Locale.ROOT, "%-24s %-6s %-22s %-8s %-8s %-14s %8.1f  %s%n", record.get("time"),
                        record.get("dialect"), from(record), record.get("session"), record.get("op"),
                        record.get("outcome"), Long.parseLong(record.getOrDefault("micros", "0")) / 1000.0,
                        shortCode(record));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Who sent it: the bridge's origin when it gave one (the peer is then the bridge), else the peer. */
    private static String from(Map<String, String> record) {
        String origin = record.getOrDefault("origin", "");
        return origin.isEmpty() ? record.get("peer") : origin;
    }

    private static String shortCode(Map<String, String> record) {
        String code = record.getOrDefault("code", "(sha256 " + record.getOrDefault("sha256", "?").substring(0, 12) + ")");
        String first = code.strip().lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first;
    }

    private static Instant parseSince(String text) throws CliException {
        Matcher ago = AGO.matcher(text);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Instant.now().minus(d);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, "--since " + text + ": give an instant such as 2026-12-01T09:00:00Z"
                    + " or a time ago such as 30m, 2h or 1d");
        }
    }
}
