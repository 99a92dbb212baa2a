package dev.hotline.client.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A kernelspec: the directory {@code kernels/NAME/} with the {@code kernel.json} that makes a service appear in
 * every notebook front end's list of kernels, as "Hotline: greeter". Its command line starts {@code hotline kernel}
 * for that service with the connection file the front end writes; {@code interrupt_mode} is {@code message}, so
 * an interrupt reaches the cell in the service, not the kernel process.
 *
 * @param name the directory's name: lower-case letters, digits, {@code .}, {@code _} and {@code -} (Jupyter's rule)
 * @param displayName what the front end lists
 * @param argv the kernel's command line, with {@code {connection_file}} where the file goes
 */
public record KernelSpec(String name, String displayName, List<String> argv) {
    /** The name Jupyter would accept for a service named {@code service}: {@code hotline-greeter}. */
    public static String nameFor(String service) {
        return "hotline-" + service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /**
     * Where Jupyter looks for kernelspecs: under {@code prefix} when given ({@code PREFIX/share/jupyter/kernels}),
     * else the user's data directory ({@code $JUPYTER_DATA_DIR}, {@code $XDG_DATA_HOME/jupyter},
     * {@code ~/.local/share/jupyter}) with {@code user}, else the system's ({@code /usr/local/share/jupyter}).
     */
    public static Path kernelsDirectory(Path prefix, boolean user, Map<String, String> env) {
        if (prefix != null) {
            return prefix.resolve("share/jupyter/kernels");
        }
        if (!user) {
            return Path.of("/usr/local/share/jupyter/kernels");
        }
        String data = env.get("JUPYTER_DATA_DIR");
        if (data != null && !data.isEmpty()) {
            return Path.of(data, "kernels");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local/share");
        return base.resolve("jupyter/kernels");
    }

    /** Writes {@code DIRECTORY/NAME/kernel.json}, replacing an earlier one; the path written. */
    public Path install(Path kernelsDirectory) throws CliException {
        if (!name.matches("[a-z0-9._-]+")) {
            throw new CliException(ExitCodes.USAGE, "a kernel name is lower-case letters, digits, '.', '_' and '-'; got "
                    + name);
        }
        Path file = kernelsDirectory.resolve(name).resolve("kernel.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(json()) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage()
                    + (kernelsDirectory.startsWith("/usr") ? "; install for yourself with --user, or run as root" : ""));
        }
        return file;
    }

    private JsonObject json() {
        JsonObject spec = new JsonObject();
        JsonArray args = new JsonArray();
        argv.forEach(args::add);
        spec.add("argv", args);
        spec.addProperty("display_name", displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        spec.add("metadata", metadata);
        return spec;
    }
}
