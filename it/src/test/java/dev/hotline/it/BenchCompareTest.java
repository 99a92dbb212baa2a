package dev.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/run.sh --compare} is the guard against regressions: given a run and a baseline run, it fails when a
 * ratio figure (a figure over its same-run baseline) is more than 25% worse, whichever way is good for it, and
 * passes when none is. The runs are fed with {@code --from}, so nothing is measured here (timings stay out of tests).
 */
class BenchCompareTest {
    private static final Path RUN_SH = Path.of("../bench/run.sh").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void aBaselineBetterThanTheRunFailsTheComparisonAndNamesTheFigure() throws Exception {
        Path run = results("run.tsv", "0.040", "2500");
        Path slower = results("slower-baseline.tsv", "0.030", "2500"); // 1+1 was 0.030× stock JShell, now 0.040×
        Path busier = results("busier-baseline.tsv", "0.040", "3200"); // throughput was higher: higher is better

        Result worseLatency = compare(slower, run);
        assertEquals(1, worseLatency.exit(), worseLatency.output());
        assertTrue(worseLatency.output().contains("| 1@host. warm round trip | 0.6 ms | 0.030 | 0.8 ms | 0.040 | 1.33× WORSE |"),
                worseLatency.output());
        Result worseThroughput = compare(busier, run);
        assertEquals(1, worseThroughput.exit(), worseThroughput.output());
        assertTrue(worseThroughput.output().contains("1.28× WORSE"), worseThroughput.output());
    }

    @Test
    void aRunWithinTwentyFivePercentOfItsBaselinePassesAndTheTableIsPrinted() throws Exception {
        Path run = results("run.tsv", "0.036", "2100"); // 1.20× and 1.19× worse: within the limit
        Path baseline = results("baseline.tsv", "0.030", "2500");
        Result same = compare(baseline, run);
        assertEquals(0, same.exit(), same.output());
        assertTrue(same.output().contains("| 7@host. 32 clients | 2100 evals/s |"), "the run's own table: " + same.output());
        assertTrue(same.output().contains("no ratio figure more than 25% worse"), same.output());
    }

    @Test
    void aMissingBaselineIsAClearUsageError() throws Exception {
        Result missing = compare(work.resolve("none.tsv"), results("run.tsv", "0.04", "2500"));
        assertEquals(2, missing.exit(), missing.output());
        assertTrue(missing.output().contains("no baseline") && missing.output().contains("--accept"), missing.output());
    }

    /** A results file of two ratio figures: 1+1 against stock JShell (lower is better), throughput (higher is). */
    private Path results(String name, String warmRatio, String rate) throws IOException {
        double perStock = Double.parseDouble(warmRatio) * 20;
        return Files.write(work.resolve(name), List.of(
                "# target: openjdk version \"17\"; 2 cores; " + name,
                String.join("\t", "1@host", "warm round trip", String.format(java.util.Locale.ROOT, "%.1f ms", perStock), "stock JShell 20 ms",
                        warmRatio, "lower", "", ""),
                String.join("\t", "7@host", "32 clients", rate + " evals/s", "one client 1000 evals/s",
                        String.valueOf(Integer.parseInt(rate) / 1000.0), "higher", "≥ 2500 evals/s", "")));
    }

    private record Result(int exit, String output) { }

    private static Result compare(Path baseline, Path run) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", RUN_SH.toString(), "--compare", "--baseline", baseline.toString(),
                "--from", run.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }
}
