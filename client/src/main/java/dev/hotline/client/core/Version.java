package dev.hotline.client.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code hotline --version} says: this build's version and the commit it was built from (written into
 * the jar by the build), and the JDK running the command.
 */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties build = build();
        return new String[] {
            "hotline " + build.getProperty("version", "(unknown version)") + ", commit "
                    + build.getProperty("commit", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home")
        };
    }

    /** This build's version, as {@code 0.1.0-SNAPSHOT}; "unknown" when the jar does not say. */
    public static String current() {
        try {
            return build().getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Properties build() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/hotline/client/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return build;
    }
}
