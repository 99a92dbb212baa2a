package dev.hotline.client.dap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an {@code attach} or {@code launch} configuration says, with the defaults the command line gave
 * {@code hotline dap}: the service ({@code target}: a name, a config file, {@code ssh://...}, {@code kubectl://...};
 * {@code config} for a launch), the run directory ({@code dir}), or a port by its file ({@code portFile}, the TLS
 * certificate it names pinned) and a token file ({@code tokenFile}: another credential, such as
 * {@code NAME.observe.token}); where sources are ({@code sourceRoots}, default the project's {@code src/main/java})
 * and the session evaluations run in ({@code session}, default {@code main}).
 */
record AttachSettings(String target, Path dir, Path portFile, Path tokenFile, List<Path> sourceRoots,
        String session) {

    /** The command line's defaults: its TARGET and {@code --dir}, either possibly null. */
    record Defaults(String target, Path dir) {
    }

    static AttachSettings of(Map<String, Object> arguments, Defaults defaults, String targetKey) {
        String target = text(arguments.get(targetKey)) != null ? text(arguments.get(targetKey)) : defaults.target();
        String dir = text(arguments.get("dir"));
        List<Path> roots = new ArrayList<>();
        if (arguments.get("sourceRoots") instanceof List<?> given) {
            given.stream().map(AttachSettings::text).filter(r -> r != null).forEach(r -> roots.add(Path.of(r)));
        }
        if (roots.isEmpty()) {
            Path project = Path.of(text(arguments.get("cwd")) != null ? text(arguments.get("cwd")) : ".");
            roots.add(project.resolve("src/main/java"));
            if (Files.isDirectory(project.resolve("src"))) {
                roots.add(project.resolve("src"));
            }
        }
        String session = text(arguments.get("session"));
        return new AttachSettings(target, dir != null ? Path.of(dir) : defaults.dir(), path(arguments.get("portFile")),
                path(arguments.get("tokenFile")), roots, session != null ? session : "main");
    }

    /** How messages name the service: its target, else its port file. */
    String service() {
        return target != null ? target : String.valueOf(portFile);
    }

    private static Path path(Object value) {
        return text(value) == null ? null : Path.of(text(value));
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
