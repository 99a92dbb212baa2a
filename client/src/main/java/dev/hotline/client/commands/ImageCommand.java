package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hotline image show FILE}: a summary of an image file, read as the documented zip it is. */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Looks at image files.",
        subcommands = ImageCommand.Show.class)
public final class ImageCommand {

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Summarises an image: when and from what it was made, its sessions and their declarations, its classes.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "An image file (RUNDIR/NAME.image).")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.FAILED, "no image file " + file);
            }
            PrintWriter out = Console.stdout();
            try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
                Properties manifest = properties(zip, "MANIFEST.properties");
                if (!"hotline-image".equals(manifest.getProperty("format"))) {
                    throw new CliException(ExitCodes.FAILED, file + " is not a Hotline image");
                }
                out.printf("image of %s, made %s on Java %s by Hotline %s (format %s)%n", manifest.getProperty("service"),
                        manifest.getProperty("created"), manifest.getProperty("java-version"),
                        manifest.getProperty("hotline-version"), manifest.getProperty("format-version"));
                for (String session : manifest.getProperty("sessions", "").split(",")) {
                    if (!session.isBlank()) {
                        String source = text(zip, "sessions/" + session + ".jsh");
                        out.printf("session %s:%n", session);
                        for (String declaration : source.strip().split("\n\n")) {
                            out.println("  " + declaration.strip().lines().findFirst().orElse(""));
                        }
                    }
                }
                Properties index = properties(zip, "classes/index.properties");
                TreeSet<String> classes = new TreeSet<>();
                for (String entry : index.stringPropertyNames()) {
                    if (!entry.endsWith(".loader") && !entry.endsWith(".origin")) {
                        classes.add(index.getProperty(entry) + " [" + index.getProperty(entry + ".loader") + "] from "
                                + index.getProperty(entry + ".origin"));
                    }
                }
                out.printf("%d hot-reloaded classes%s%n", classes.size(), classes.isEmpty() ? "" : ":");
                classes.forEach(c -> out.println("  " + c));
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILED, file + " cannot be read as an image: " + e.getMessage());
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static Properties properties(ZipFile zip, String name) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(text(zip, name)));
            return p;
        }

        private static String text(ZipFile zip, String name) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new IOException("it has no " + name);
            }
            return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
