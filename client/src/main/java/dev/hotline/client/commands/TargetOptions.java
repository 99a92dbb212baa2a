package dev.hotline.client.commands;

import dev.hotline.client.connection.RemoteTargets;
import dev.hotline.client.connection.Target;
import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.client.service.ServiceConfig;
import dev.hotline.client.service.ServiceLocation;
import dev.hotline.client.service.ServicesByPid;
import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * How every command that talks to a service designates it (a picocli mixin): a config file, a name in a run
 * directory, a pid, or a port. The rules, in one place ({@link #locate}):
 * <ul>
 *   <li>a config file gives the run directory and the name; {@code --dir} and {@code --name} override them, as
 *       {@code --set run-dir=...} and {@code --set name=...} would;</li>
 *   <li>without a config, {@code --name} (or the command's SERVICE argument) names a service of {@code --dir}
 *       (default {@code ~/.hotline/run}), and {@code --pid} finds the service of that process;</li>
 *   <li>{@code --port} or {@code --port-file} say where to connect, overriding the run directory's port file;</li>
 *   <li>a service elsewhere is reached through a command whose standard input and output carry the connection
 *       ({@code --via 'ssh web1 hotline bridge --name orders'}), or through the short forms
 *       {@code ssh://[USER@]HOST[:PORT]/NAME} and {@code kubectl://[NAMESPACE/]POD/NAME} as the name (see
 *       {@link RemoteTargets}); {@code --dir} then names the far side's run directory;</li>
 *   <li>the same thing said twice in different ways (two config files, two names, a pid and a port, a port and
 *       a port file) is refused, never silently resolved.</li>
 * </ul>
 */
public final class TargetOptions {
    /** How many services a fan-out reaches at once unless {@code --parallel} says. */
    static final int DEFAULT_PARALLEL = 8;

    @Option(names = "--conf", paramLabel = "FILE", description = "The service's config file (.properties).")
    Path conf;

    @Option(names = "--name", paramLabel = "NAME", description = "Service name: its files are NAME.* in the run directory.")
    String name;

    @Option(names = "--dir", paramLabel = "RUNDIR", description = "Run directory (default: the config's run-dir, else ~/.hotline/run).")
    Path dir;

    @Option(names = "--pid", paramLabel = "PID", description = "The service's process.")
    Long pid;

    @Option(names = "--port-file", paramLabel = "FILE", description = "File holding the port; the token is read from the .token file beside it.")
    Path portFile;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to connect to (give --token-file too).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Host (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the token.")
    Path tokenFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides a key of the config file; repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--all", description = "Every service of the run directory (its NAME.port files), in parallel.")
    boolean all;

    @Option(names = "--targets", paramLabel = "FILE", description = "The services listed in FILE, one per line (a name,"
            + " a config file, ssh://... or kubectl://...; # starts a comment), in parallel.")
    Path targets;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + DEFAULT_PARALLEL,
            description = "With --all or --targets: how many services at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--via", paramLabel = "COMMAND", description = {"Reach the service through COMMAND's standard"
            + " input and output, as in 'ssh web1 hotline bridge --name orders' (run by sh).",
            "The short forms ssh://[USER@]HOST[:PORT]/NAME and kubectl://[NAMESPACE/]POD/NAME, given as the name,"
                    + " stand for such commands."})
    String via;

    /**
     * These options as a command line that names the same service from any directory (files made absolute), for a
     * command written down to run later, as a kernelspec's; {@code --all} and {@code --targets} are not carried.
     */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        java.util.function.BiConsumer<String, Object> add = (option, value) -> {
            if (value != null) {
                args.add(option);
                args.add(value instanceof Path p ? p.toAbsolutePath().toString() : value.toString());
            }
        };
        add.accept("--conf", conf);
        add.accept("--name", name);
        add.accept("--dir", dir);
        add.accept("--pid", pid);
        add.accept("--port-file", portFile);
        add.accept("--port", port);
        add.accept("--host", port != null ? host : null);
        add.accept("--token-file", tokenFile);
        add.accept("--via", via);
        overrides.forEach(o -> add.accept("--set", o));
        return args;
    }

    /** Whether these options name many services ({@code --all} or {@code --targets}). */
    boolean isFanOut() {
        return all || targets != null;
    }

    /**
     * The services {@code --all} or {@code --targets} name, in order, each with how to reach it or why it cannot
     * be reached (a target that is down is one row of the outcome, not the end of the command).
     */
    List<FanOut.Member> members() throws CliException {
        if (all && targets != null) {
            throw usage("--all and --targets both say which services: give one");
        }
        if (conf != null || name != null || pid != null || port != null || portFile != null || via != null) {
            throw usage("--all and --targets name the services themselves: give no --conf, --name, --pid, --port,"
                    + " --port-file or --via with them");
        }
        if (parallel < 1) {
            throw usage("--parallel must be at least 1, got " + parallel);
        }
        List<String> specs = new ArrayList<>();
        if (all) {
            Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
            try (Stream<Path> files = Files.isDirectory(runDir) ? Files.list(runDir) : Stream.empty()) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".port")).sorted()
                        .forEach(f -> specs.add(f.substring(0, f.length() - ".port".length())));
            } catch (IOException e) {
                throw new CliException(ExitCodes.UNREACHABLE, "cannot list " + runDir + ": " + e.getMessage());
            }
            if (specs.isEmpty()) {
                throw new CliException(ExitCodes.UNREACHABLE, "no services in " + runDir + " (no NAME.port files)");
            }
        } else {
            try {
                Files.readAllLines(targets).stream().map(l -> l.replaceFirst("#.*", "").strip())
                        .filter(l -> !l.isEmpty()).forEach(specs::add);
            } catch (IOException e) {
                throw usage("cannot read --targets " + targets + ": " + e.getMessage());
            }
            if (specs.isEmpty()) {
                throw usage(targets + " lists no targets");
            }
        }
        List<FanOut.Member> members = new ArrayList<>();
        for (String spec : specs) {
            TargetOptions one = new TargetOptions();
            one.dir = dir;
            one.host = host;
            try {
                members.add(FanOut.Member.reachable(spec, one.locate(spec).target()));
            } catch (CliException e) {
                members.add(FanOut.Member.unreachable(spec, e));
            }
        }
        return members;
    }

    /** How many services {@code --all} and {@code --targets} reach at once. */
    int parallel() {
        return parallel;
    }

    /** The service these options designate, with no SERVICE argument. */
    ServiceLocation locate() throws CliException {
        return locate(null);
    }

    /**
     * The service these options designate.
     *
     * @param service the command's SERVICE argument, when it takes one: a config file, or a service's name
     */
    ServiceLocation locate(String service) throws CliException {
        if (isFanOut()) {
            throw usage("this command acts on one service: --all and --targets are for eval, status and snapshot");
        }
        Path argumentConf = service != null && isConfigFile(service) ? Path.of(service) : null;
        String argumentName = service != null && argumentConf == null ? service : null;
        if (conf != null && argumentConf != null && !conf.toAbsolutePath().normalize().equals(argumentConf.toAbsolutePath().normalize())) {
            throw usage("two config files, " + argumentConf + " and --conf " + conf + ": give one");
        }
        if (name != null && argumentName != null && !name.equals(argumentName)) {
            throw usage("two names, " + argumentName + " and --name " + name + ": give one");
        }
        if (port != null && portFile != null) {
            throw usage("--port and --port-file both say where the service listens: give one");
        }
        if (pid != null && (port != null || portFile != null)) {
            throw usage("--pid and --port/--port-file both designate the service: give one");
        }
        Path configFile = conf != null ? conf : argumentConf;
        String serviceName = name != null ? name : argumentName;
        if (via != null || (serviceName != null && RemoteTargets.isRemote(serviceName))) {
            return remote(serviceName);
        }
        Optional<Target> direct = port != null || portFile != null
                ? Optional.of(Target.resolve(host, port, portFile, tokenFile)) : Optional.empty();
        if (configFile != null) {
            ServiceConfig config = ServiceConfig.load(configFile, withFlags(serviceName));
            return new ServiceLocation(Optional.of(config), Optional.of(config.run()), direct);
        }
        if (!overrides.isEmpty()) {
            throw usage("--set changes a config file's keys: give the config file too");
        }
        Path runDir = (dir != null ? dir : RunDirectory.defaultDir()).toAbsolutePath();
        if (serviceName != null) {
            return new ServiceLocation(Optional.empty(), Optional.of(new RunDirectory(runDir, serviceName)), direct);
        }
        if (pid != null) {
            return new ServiceLocation(Optional.empty(), Optional.of(ServicesByPid.find(pid, runDir)), direct);
        }
        if (direct.isPresent()) {
            return new ServiceLocation(Optional.empty(), Optional.empty(), direct);
        }
        throw usage("say which service: a config file (FILE.properties or --conf FILE), --name NAME [--dir DIR],"
                + " --pid PID, or --port PORT / --port-file FILE");
    }

    /** A service reached through a command: {@code --via}, or the command an ssh:// or kubectl:// name stands for. */
    private ServiceLocation remote(String serviceName) throws CliException {
        if (conf != null || pid != null || port != null || portFile != null || tokenFile != null || !overrides.isEmpty()) {
            throw usage("a service reached through another host is found there: give only its name (and --dir, the"
                    + " run directory there), not a config file, --pid, --port, --port-file, --token-file or --set");
        }
        List<String> command;
        if (via != null) {
            if (serviceName != null || dir != null) {
                throw usage("--via names the whole command that reaches the service: give no name or --dir with it");
            }
            command = List.of("sh", "-c", via);
        } else {
            command = RemoteTargets.command(serviceName, Optional.ofNullable(dir).map(Path::toString), System.getenv());
        }
        return new ServiceLocation(Optional.empty(), Optional.empty(), Optional.of(Target.via(command)));
    }

    /** The config's overrides, with {@code --dir} and {@code --name}, which override the config like them. */
    private List<String> withFlags(String serviceName) {
        List<String> all = new ArrayList<>(overrides);
        if (dir != null) {
            all.add("run-dir=" + dir.toAbsolutePath());
        }
        if (serviceName != null) {
            all.add("name=" + serviceName);
        }
        return all;
    }

    private static boolean isConfigFile(String service) {
        return service.endsWith(".properties") || Files.isRegularFile(Path.of(service));
    }

    private static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
