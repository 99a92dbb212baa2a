package dev.hotline.client.commands;

import dev.hotline.client.connection.NativeConnection;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.core.Json;
import dev.hotline.protocol.Plist;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One command on many services at once ({@code --all}, {@code --targets}): each service is asked in parallel,
 * {@code --parallel} at a time; what each printed is shown as one block, each line prefixed with its name, as
 * soon as it has answered; then a table gives each service's outcome and value, marking the values that differ
 * from the most common one. The exit code is the worst of the services'. With {@code --json}, one object per
 * service instead.
 */
final class FanOut {
    /** One service of the many: how to reach it, or why it cannot be. */
    record Member(String label, Optional<Target> target, Optional<CliException> unreachable) {
        static Member reachable(String label, Target target) {
            return new Member(label, Optional.of(target), Optional.empty());
        }

        static Member unreachable(String label, CliException why) {
            return new Member(label, Optional.empty(), Optional.of(why));
        }
    }

    /**
     * What one service answered.
     *
     * @param exit its exit code, as the single-service command would have given
     * @param value the short answer the table shows (a value, a summary); empty when it failed
     * @param output what it printed, for its block
     * @param error why it failed, for people
     */
    record Result(int exit, String value, String output, String error) {
        static Result ok(String value, String output) {
            return new Result(ExitCodes.OK, value, output, "");
        }

        static Result failed(int exit, String error, String output) {
            return new Result(exit, "", output, error);
        }
    }

    /** One service being asked: its name in the list, where it is, and the connection open to it. */
    record Connected(String label, Target target, NativeConnection connection) {
    }

    /** Asks one service over its connection; a failure to reach it is turned into a result by the fan-out. */
    @FunctionalInterface
    interface Ask {
        Result ask(Connected service) throws IOException, CliException;
    }

    private FanOut() {
    }

    /**
     * Runs {@code ask} on every member and prints what they said; returns the worst exit code.
     *
     * @param compare whether values that differ from the most common one are marked (an eval's values, not a
     *     status, which differs by nature)
     */
    static int run(List<Member> members, int parallel, boolean json, boolean compare, Ask ask)
            throws InterruptedException {
        PrintWriter out = Console.stdout();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, members.size()), r -> {
            Thread t = new Thread(r, "hotline-fan-out");
            t.setDaemon(true);
            return t;
        });
        List<Future<Result>> futures = new ArrayList<>();
        for (Member member : members) {
            futures.add(pool.submit(() -> {
                Result result = askOne(member, ask);
                if (!json) {
                    printBlock(out, member.label(), result);
                }
                return result;
            }));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                results.add(Result.failed(ExitCodes.FAILED, "Hotline failed: " + e.getCause(), ""));
            }
        }
        pool.shutdown();
        if (json) {
            for (int i = 0; i < members.size(); i++) {
                Result r = results.get(i);
                out.println(Json.of(Plist.builder().put("target", members.get(i).label()).put("outcome", outcome(r))
                        .put("exit", r.exit()).put("value", r.value()).put("output", r.output())
                        .put("error", r.error()).build()));
            }
        } else {
            printTable(out, members, results, compare);
        }
        out.flush();
        return results.stream().mapToInt(Result::exit).max().orElse(ExitCodes.OK);
    }

    private static Result askOne(Member member, Ask ask) {
        if (member.unreachable().isPresent()) {
            CliException why = member.unreachable().get();
            return Result.failed(why.exitCode(), why.getMessage(), "");
        }
        try (NativeConnection connection = NativeConnection.open(member.target().get())) {
            return ask.ask(new Connected(member.label(), member.target().get(), connection));
        } catch (CliException e) {
            return Result.failed(e.exitCode(), e.getMessage(), "");
        } catch (SocketTimeoutException e) {
            return Result.failed(ExitCodes.UNKNOWN, "timed out: " + e.getMessage(), "");
        } catch (IOException e) {
            return Result.failed(ExitCodes.UNREACHABLE, e.getMessage(), "");
        }
    }

    private static synchronized void printBlock(PrintWriter out, String label, Result result) {
        String text = result.output() + (result.error().isEmpty() ? "" : "error: " + result.error() + "\n");
        text.lines().forEach(line -> out.println(label + ": " + line));
        out.flush();
    }

    private static void printTable(PrintWriter out, List<Member> members, List<Result> results, boolean compare) {
        Map<String, Long> counts = results.stream().filter(r -> r.exit() == ExitCodes.OK)
                .collect(Collectors.groupingBy(Result::value, Collectors.counting()));
        String majority = counts.isEmpty() ? null
                : Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
        int width = Math.max("target".length(), members.stream().mapToInt(m -> m.label().length()).max().orElse(0));
        out.println();
        out.printf("%-" + width + "s  %-11s  %s%n", "target", "outcome", "value");
        for (int i = 0; i < members.size(); i++) {
            Result r = results.get(i);
            String shown = r.exit() == ExitCodes.OK ? r.value() : r.error().lines().findFirst().orElse("");
            boolean differs = compare && r.exit() == ExitCodes.OK && counts.size() > 1 && !r.value().equals(majority);
            out.printf("%-" + width + "s  %-11s  %s%s%n", members.get(i).label(), outcome(r), oneLine(shown),
                    differs ? "   <- differs from the most common value (" + counts.get(majority) + " of "
                            + results.size() + ")" : "");
        }
    }

    private static String outcome(Result r) {
        return switch (r.exit()) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.UNREACHABLE -> "unreachable";
            case ExitCodes.UNKNOWN -> "timed out";
            default -> "failed";
        };
    }

    private static String oneLine(String text) {
        String line = text.replace("\n", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
