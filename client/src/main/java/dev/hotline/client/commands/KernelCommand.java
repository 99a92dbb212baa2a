package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.Console;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.kernel.JupyterKernel;
import dev.hotline.client.kernel.KernelSpec;
import dev.hotline.client.service.ServiceLocation;
import dev.hotline.protocol.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hotline kernel}: a Jupyter kernel whose cells run in the service. */
@Command(name = "kernel", mixinStandardHelpOptions = true, subcommands = KernelCommand.Install.class,
        description = {"Runs a Jupyter kernel whose cells run in the service's session, for Jupyter Notebook, JupyterLab,"
                + " VS Code and jupyter console; a notebook front end starts it with the connection file it writes.",
                "Values show as tables, charts and images; cells starting with % are Hotline's commands (%help lists"
                        + " them). Shutting the kernel down leaves the service running.",
                "'hotline kernel install SERVICE --user' lists the service among the front ends' kernels."})
public final class KernelCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--connection-file", paramLabel = "FILE",
            description = "The connection file the front end wrote (its ports and signing key); required.")
    Path connectionFile;

    @Override
    public Integer call() throws Exception {
        if (connectionFile == null) {
            throw new CliException(ExitCodes.USAGE, "a kernel needs --connection-file FILE, which a notebook front end"
                    + " writes; to list the service among the front ends' kernels, run: hotline kernel install SERVICE"
                    + " --user");
        }
        ServiceLocation location = service.locate();
        PrintWriter err = Console.stderr();
        JupyterKernel kernel = new JupyterKernel(connectionFile, location::target, serviceName(service, location),
                message -> {
                    err.println("hotline kernel: " + message);
                    err.flush();
                });
        kernel.run();
        return ExitCodes.OK;
    }

    /**
     * What the service is called in the kernel's list and banner: its name, else its port file's ({@code NAME.port}),
     * else how it was given.
     */
    static String serviceName(ServiceOptions options, ServiceLocation location) {
        Path portFile = options.target.portFile;
        return location.run().map(RunDirectory::name).or(() -> location.config().map(c -> c.name()))
                .or(() -> Optional.ofNullable(portFile).map(p -> p.getFileName().toString())
                        .map(f -> f.endsWith(".port") ? f.substring(0, f.length() - ".port".length()) : f))
                .orElse(options.service != null ? options.service : "the service");
    }

    /** {@code hotline kernel install}: writes the service's kernelspec. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Writes a kernelspec (kernels/NAME/kernel.json) so the service appears as \"Hotline: NAME\""
                    + " in every notebook front end's list of kernels.",
                    "The spec runs this hotline's own jar with the Java running it now, and names the service as"
                            + " given here (files made absolute)."})
    static final class Install implements Callable<Integer> {
        @Mixin
        ServiceOptions service;

        @Option(names = "--kernel-name", paramLabel = "NAME",
                description = "The kernelspec's directory name (default: hotline-SERVICE).")
        String kernelName;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "What front ends list (default: Hotline: SERVICE).")
        String displayName;

        @Option(names = "--user", description = "Install for the current user ($JUPYTER_DATA_DIR, else"
                + " ~/.local/share/jupyter), not for every user (/usr/local/share/jupyter).")
        boolean user;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR/share/jupyter/kernels (a"
                + " virtualenv's or conda's prefix).")
        Path prefix;

        @Override
        public Integer call() throws Exception {
            ServiceLocation location = service.locate();
            String name = serviceName(service, location);
            KernelSpec spec = new KernelSpec(kernelName != null ? kernelName : KernelSpec.nameFor(name),
                    displayName != null ? displayName : "Hotline: " + name, argv());
            Path written = spec.install(KernelSpec.kernelsDirectory(prefix, user, System.getenv()));
            PrintWriter out = Console.stdout();
            out.println("installed kernel " + spec.name() + " (\"" + spec.displayName() + "\") in " + written);
            out.println("pick \"" + spec.displayName() + "\" as a notebook's kernel, or run: jupyter console --kernel "
                    + spec.name());
            out.flush();
            return ExitCodes.OK;
        }

        /**
         * The kernel's command line: this Java, this jar, and the target as given, its files made absolute. The kernel
         * is light and long-lived: the serial collector and C1 alone keep its footprint and its compiling small, and
         * C1 reaches its steady speed within a few hundred cells.
         */
        private List<String> argv() throws CliException {
            Path jar;
            try {
                jar = Path.of(KernelCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException | RuntimeException e) {
                throw new CliException(ExitCodes.FAILED, "cannot tell where hotline's jar is: " + e);
            }
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "kernel"));
            if (service.service != null) {
                Path file = Path.of(service.service);
                argv.add(Files.exists(file) ? file.toAbsolutePath().toString() : service.service);
            }
            argv.addAll(service.target.asArguments());
            argv.addAll(List.of("--connection-file", "{connection_file}"));
            return argv;
        }
    }
}
