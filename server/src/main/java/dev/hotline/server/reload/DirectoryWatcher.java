package dev.hotline.server.reload;

import dev.hotline.server.support.ServerLog;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a build output directory (say {@code target/classes}) and reloads the class files a build changed.
 * Changes are debounced: a batch is reloaded once the directory has been quiet for {@value #QUIET_MILLIS} ms, so
 * one {@code mvn compile} is one redefinition. Subdirectories created later are watched too.
 */
public final class DirectoryWatcher implements AutoCloseable {
    static final long QUIET_MILLIS = 500;

    private final Path root;
    private final Reloader reloader;
    private final Consumer<ReloadReport> onReload;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @param onReload told of every batch reloaded
     */
    public DirectoryWatcher(Path root, Reloader reloader, Consumer<ReloadReport> onReload) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        this.root = root;
        this.reloader = reloader;
        this.onReload = onReload;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = new Thread(this::run, "hotline-watch-" + root.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    public Path root() {
        return root;
    }

    private void registerTree(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }

    private void run() {
        Set<Path> changed = new LinkedHashSet<>();
        try {
            while (true) {
                WatchKey key = changed.isEmpty() ? watcher.take() : watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    reload(List.copyOf(changed));
                    changed.clear();
                    continue;
                }
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        continue;
                    }
                    Path path = dir.resolve((Path) event.context());
                    if (Files.isDirectory(path)) {
                        registerTree(path);
                        try (Stream<Path> files = Files.walk(path)) {
                            files.filter(f -> f.toString().endsWith(".class")).forEach(changed::add);
                        }
                    } else if (path.toString().endsWith(".class")) {
                        changed.add(path);
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (IOException e) {
            ServerLog.warn("stopped watching " + root + ": " + e.getMessage());
        }
    }

    private void reload(List<Path> files) {
        List<Path> present = files.stream().filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            return;
        }
        try {
            onReload.accept(reloader.submit(present, null).join());
        } catch (RuntimeException e) {
            ServerLog.warn("watch " + root + ": cannot reload " + present.size() + " class files: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
