package dev.hotline.bench;

import dev.hotline.client.connection.NativeConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/**
 * What the debug adapter adds: {@code 1+1} over a warm native connection, then as a DAP {@code evaluate} through
 * {@code hotline dap} (the IDE's side played by lsp4j's client), and the first page (100 elements) of a
 * 10,000-element list's {@code variables}, each just evaluated. Prints {@code native50 native99 dap50 dap99
 * variables50 variables99} in milliseconds.
 */
final class DapRoundTrip {
    private static final long TIMEOUT_SECONDS = 60;

    private DapRoundTrip() {
    }

    static String measure(Path runDir, String name, List<String> adapterCommand, int warmup, int n) throws Exception {
        long[] nativeNanos = new long[n];
        try (NativeConnection connection = Evaluations.connect(runDir, name)) {
            for (int i = 0; i < warmup + n; i++) {
                long t = Evaluations.timedEval(connection, "1+1");
                if (i >= warmup) {
                    nativeNanos[i - warmup] = t;
                }
            }
        }
        Process adapter = new ProcessBuilder(adapterCommand).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(new IDebugProtocolClient() { },
                    adapter.getInputStream(), adapter.getOutputStream());
            launcher.startListening();
            IDebugProtocolServer dap = launcher.getRemoteProxy();
            get(dap.initialize(new InitializeRequestArguments()));
            get(dap.attach(Map.of("target", name, "dir", runDir.toString())));
            long[] dapNanos = new long[n];
            for (int i = 0; i < warmup + n; i++) {
                long t0 = System.nanoTime();
                evaluate(dap, "1+1");
                if (i >= warmup) {
                    dapNanos[i - warmup] = System.nanoTime() - t0;
                }
            }
            int pages = Math.max(5, n / 20);
            long[] pageNanos = new long[pages];
            for (int i = 0; i < warmup / 10 + pages; i++) {
                EvaluateResponse list = evaluate(dap, "java.util.stream.IntStream.range(0, 10_000).boxed().toList()");
                VariablesArguments page = new VariablesArguments();
                page.setVariablesReference(list.getVariablesReference());
                page.setFilter(VariablesArgumentsFilter.INDEXED);
                page.setStart(0);
                page.setCount(100);
                long t0 = System.nanoTime();
                int got = get(dap.variables(page)).getVariables().length;
                long elapsed = System.nanoTime() - t0;
                if (got != 100) {
                    throw new IOException("the first page of the list held " + got + " elements, not 100");
                }
                if (i >= warmup / 10) {
                    pageNanos[i - warmup / 10] = elapsed;
                }
            }
            return new Percentiles(nativeNanos).line() + " " + new Percentiles(dapNanos).line() + " "
                    + new Percentiles(pageNanos).line();
        } finally {
            adapter.destroy();
        }
    }

    private static EvaluateResponse evaluate(IDebugProtocolServer dap, String expression) throws Exception {
        EvaluateArguments args = new EvaluateArguments();
        args.setExpression(expression);
        args.setContext("repl");
        return get(dap.evaluate(args));
    }

    private static <T> T get(CompletableFuture<T> answer) throws Exception {
        return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
