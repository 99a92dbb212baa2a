package dev.hotline.server.reload;

import dev.hotline.server.reload.ReloadReport.ClassResult;
import dev.hotline.server.reload.ReloadReport.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hot reload through {@link Instrumentation#redefineClasses}: every changed class of a request goes to the JVM
 * in one call, which applies all of them or none. Unchanged classes are skipped; classes not loaded yet are
 * kept and applied when they load; a refused batch is explained class by class from the structures of the old
 * and new bytes. Each redefinition is recorded in the {@link RedefinitionLog}.
 */
public final class Reloader {
    private final Instrumentation instrumentation;
    private final RedefinitionLog log = Redefinitions.log();
    private final SourceCompiler compiler;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hotline-reload");
        t.setDaemon(true);
        return t;
    });

    /** @param compiler compiles sources against the application's classes, as snippets see them */
    public Reloader(Instrumentation instrumentation, SourceCompiler compiler) {
        this.instrumentation = instrumentation;
        this.compiler = compiler;
    }

    public RedefinitionLog log() {
        return log;
    }

    /** Classes waiting for their first load, with the bytes they will get. */
    public List<PendingRedefinitions.Waiting> waiting() {
        return Redefinitions.waiting();
    }

    /**
     * Why a reload failed, in words: unwraps the future's and the unchecked wrappers, and names a missing file
     * as such.
     */
    public static String failureMessage(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file: " + cause.getMessage();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /** {@link #reload} on the reload thread: reloads run one at a time, never on a network thread. */
    public CompletableFuture<ReloadReport> submit(List<Path> paths, String loader) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return reload(paths, loader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker);
    }

    /**
     * {@link #revert} on the reload thread.
     */
    public CompletableFuture<ReloadReport> submitRevert(List<String> classNames) {
        return CompletableFuture.supplyAsync(() -> revert(classNames), worker);
    }

    /**
     * Gives each named class the bytes it had before its last redefinition (its loader's class file when that
     * was its first): how a canary reload that failed its check is undone. A class never redefined is left as
     * it is. The revert is itself a redefinition, recorded (and kept by a snapshot) like any other.
     */
    public ReloadReport revert(List<String> classNames) {
        long started = System.nanoTime();
        Map<String, byte[]> before = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<ClassResult> untouched = new ArrayList<>();
        Map<String, List<Class<?>>> loaded = loadedByName(Set.copyOf(classNames), null);
        for (String name : classNames) {
            Class<?> type = loaded.getOrDefault(name, List.of()).stream().filter(log::wasRedefined).findFirst().orElse(null);
            byte[] bytes = type == null ? null : log.previousBytes(type) != null ? log.previousBytes(type) : loaderBytes(type);
            if (bytes == null) {
                untouched.add(new ClassResult(name, Outcome.UNCHANGED, List.of(), "never redefined: nothing to revert"));
            } else {
                before.put(name, bytes);
                origins.put(name, "revert");
            }
        }
        ReloadReport report = redefine(before, origins, null);
        List<ClassResult> all = new ArrayList<>(report.classes());
        all.addAll(untouched);
        return new ReloadReport(all, List.of(), 0, report.redefineMillis()).timedFrom(started);
    }

    /**
     * Reloads {@code .class} files, directories, jars and {@code .java} sources (compiled here first).
     *
     * @param loader only classes of the loader so described ({@code app}, or a loader's name); null for all
     */
    public ReloadReport reload(List<Path> paths, String loader) throws IOException {
        long started = System.nanoTime();
        return reloadUntimed(paths, loader).timedFrom(started);
    }

    private ReloadReport reloadUntimed(List<Path> paths, String loader) throws IOException {
        List<Path> sources = paths.stream().filter(p -> p.toString().endsWith(".java")).toList();
        List<Path> classFiles = paths.stream().filter(p -> !p.toString().endsWith(".java")).toList();
        ClassSources.Found found = ClassSources.read(classFiles);
        Map<String, byte[]> classes = new LinkedHashMap<>(found.classes());
        Map<String, String> origins = new LinkedHashMap<>(found.origins());
        if (!sources.isEmpty()) {
            SourceCompiler.Result compiled = compiler.compile(sources, this::loadedClassVersion);
            if (!compiled.errors().isEmpty()) {
                return new ReloadReport(List.of(), compiled.errors(), 0, 0);
            }
            classes.putAll(compiled.classes());
            origins.putAll(compiled.origins());
        }
        return redefine(classes, origins, loader);
    }

    private ReloadReport redefine(Map<String, byte[]> classes, Map<String, String> origins, String loaderFilter) {
        Map<String, List<Class<?>>> loaded = loadedByName(classes.keySet(), loaderFilter);
        List<ClassResult> results = new ArrayList<>();
        List<ClassDefinition> definitions = new ArrayList<>();
        Map<String, byte[]> oldBytes = new HashMap<>();
        List<String> changedNames = new ArrayList<>();
        List<String> notLoaded = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            List<Class<?>> targets = loaded.getOrDefault(e.getKey(), List.of());
            if (targets.isEmpty()) {
                notLoaded.add(e.getKey());
                continue;
            }
            boolean changed = false;
            for (Class<?> target : targets) {
                byte[] current = currentBytes(target);
                if (current == null || !Arrays.equals(current, e.getValue())) {
                    definitions.add(new ClassDefinition(target, e.getValue()));
                    if (current != null) {
                        oldBytes.put(e.getKey(), current);
                    }
                    changed = true;
                }
            }
            if (changed) {
                changedNames.add(e.getKey());
            } else {
                results.add(new ClassResult(e.getKey(), Outcome.UNCHANGED, loaders(targets), ""));
            }
        }
        long redefineNanos = 0;
        if (!definitions.isEmpty()) {
            try {
                long before = System.nanoTime();
                instrumentation.redefineClasses(definitions.toArray(ClassDefinition[]::new));
                redefineNanos = System.nanoTime() - before;
                for (ClassDefinition d : definitions) {
                    log.record(d.getDefinitionClass(), d.getDefinitionClassFile(), origins.get(d.getDefinitionClass().getName()));
                }
                changedNames.forEach(n -> results.add(new ClassResult(n, Outcome.REDEFINED, loaders(loaded.get(n)), "")));
            } catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException | LinkageError e) {
                results.addAll(explain(changedNames, classes, oldBytes, loaded, e));
                notLoaded.forEach(n -> results.add(new ClassResult(n, Outcome.NOT_APPLIED, List.of(),
                        "not loaded yet, and not kept for later: the rest of its batch was refused")));
                return new ReloadReport(results, List.of(), 0, 0);
            }
        }
        for (String name : notLoaded) {
            Redefinitions.pending(instrumentation).add(name, classes.get(name), loaderFilter, origins.get(name));
            results.add(new ClassResult(name, Outcome.PENDING, List.of(), "not loaded yet; applied when it loads"));
        }
        return new ReloadReport(results, List.of(), 0, redefineNanos / 1e6);
    }

    /** Says, for each class of a refused batch, what it changed that redefinition cannot do. */
    private static List<ClassResult> explain(List<String> names, Map<String, byte[]> classes, Map<String, byte[]> oldBytes,
            Map<String, List<Class<?>>> loaded, Throwable refusal) {
        List<ClassResult> results = new ArrayList<>();
        boolean anyExplained = false;
        for (String name : names) {
            List<String> changes = List.of();
            try {
                byte[] old = oldBytes.get(name);
                if (old != null) {
                    changes = StructureDiff.between(ClassStructure.read(old), ClassStructure.read(classes.get(name)));
                }
            } catch (IOException e) {
                changes = List.of("cannot read its class file: " + e.getMessage());
            }
            if (!changes.isEmpty()) {
                anyExplained = true;
                results.add(new ClassResult(name, Outcome.REJECTED, loaders(loaded.get(name)), String.join("; ", changes)));
            } else {
                results.add(new ClassResult(name, Outcome.NOT_APPLIED, loaders(loaded.get(name)), ""));
            }
        }
        String jvmSays = "the JVM refused the batch: " + refusal;
        if (!anyExplained) {
            return results.stream().map(r -> new ClassResult(r.className(), Outcome.REJECTED, r.loaders(), jvmSays)).toList();
        }
        return results.stream().map(r -> r.outcome() == Outcome.NOT_APPLIED
                ? new ClassResult(r.className(), r.outcome(), r.loaders(), "nothing of the batch was applied (" + jvmSays + ")")
                : r).toList();
    }

    private Map<String, List<Class<?>>> loadedByName(Set<String> names, String loaderFilter) {
        Map<String, List<Class<?>>> byName = new HashMap<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (names.contains(c.getName()) && !c.isHidden() && instrumentation.isModifiableClass(c)
                    && (loaderFilter == null || loaderFilter.equals(Loaders.describe(c.getClassLoader())))) {
                byName.computeIfAbsent(c.getName(), k -> new ArrayList<>()).add(c);
            }
        }
        return byName;
    }

    /** The bytes running now: the last redefinition's, else the class file its loader serves; null if unknown. */
    private byte[] currentBytes(Class<?> type) {
        byte[] redefined = log.currentBytes(type);
        return redefined != null ? redefined : loaderBytes(type);
    }

    /** The class file the class's loader serves; null if unknown. */
    private static byte[] loaderBytes(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource) : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** The class-file major version of a loaded class of that name, so its new source compiles to the same. */
    private int loadedClassVersion(String className) {
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals(className)) {
                byte[] bytes = currentBytes(c);
                try {
                    return bytes == null ? 0 : ClassStructure.read(bytes).majorVersion();
                } catch (IOException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static List<String> loaders(List<Class<?>> classes) {
        return classes == null ? List.of() : classes.stream().map(c -> Loaders.describe(c.getClassLoader())).distinct().toList();
    }
}
