package dev.hotline.client.connection;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short forms of remote targets and the command each stands for: a {@code hotline bridge} on the far side,
 * reached by the engines that already decide who may go where.
 * <ul>
 *   <li>{@code ssh://[USER@]HOST[:PORT]/NAME} runs {@code ssh -T [-p PORT] [USER@]HOST hotline bridge --name NAME};</li>
 *   <li>{@code kubectl://[NAMESPACE/]POD/NAME} runs
 *       {@code kubectl exec -i [-n NAMESPACE] POD -- hotline bridge --name NAME}.</li>
 * </ul>
 * A run directory given with the target ({@code --dir}) is the far side's, and goes to the bridge. The
 * environment can change the commands: {@code HOTLINE_SSH} (default {@code ssh}, as {@code GIT_SSH_COMMAND}
 * would: {@code ssh -F ~/work/ssh_config}), {@code HOTLINE_KUBECTL} (default {@code kubectl},
 * {@code kubectl --context prod}) and {@code HOTLINE_REMOTE} (the far side's {@code hotline}, default
 * {@code hotline}, as in {@code /opt/hotline/bin/hotline}).
 */
public final class RemoteTargets {
    private static final Pattern SSH = Pattern.compile("ssh://(?:([^@/]+)@)?([^:/@]+)(?::(\\d{1,5}))?/([\\w.-]+)");
    private static final Pattern KUBECTL = Pattern.compile("kubectl://(?:([\\w.-]+)/)?([\\w.-]+)/([\\w.-]+)");

    private RemoteTargets() {
    }

    /** Whether {@code service} is written as a remote target. */
    public static boolean isRemote(String service) {
        return service.startsWith("ssh://") || service.startsWith("kubectl://");
    }

    /**
     * The command that reaches {@code url}'s service.
     *
     * @param runDir the run directory on the far side, when one was given
     * @param env the environment ({@code HOTLINE_SSH}, {@code HOTLINE_KUBECTL}, {@code HOTLINE_REMOTE})
     * @throws CliException (a usage error) when {@code url} is not of either form
     */
    public static List<String> command(String url, Optional<String> runDir, Map<String, String> env) throws CliException {
        List<String> bridge = new ArrayList<>(List.of(env.getOrDefault("HOTLINE_REMOTE", "hotline"), "bridge", "--name"));
        Matcher ssh = SSH.matcher(url);
        Matcher kubectl = KUBECTL.matcher(url);
        if (ssh.matches()) {
            bridge.add(ssh.group(4));
            runDir.ifPresent(dir -> bridge.addAll(List.of("--dir", dir)));
            List<String> command = new ArrayList<>(words(env.getOrDefault("HOTLINE_SSH", "ssh")));
            command.add("-T");
            if (ssh.group(3) != null) {
                command.addAll(List.of("-p", ssh.group(3)));
            }
            command.add(ssh.group(1) == null ? ssh.group(2) : ssh.group(1) + "@" + ssh.group(2));
            command.add(String.join(" ", bridge.stream().map(RemoteTargets::shellQuoted).toList()));
            return command;
        }
        if (kubectl.matches()) {
            bridge.add(kubectl.group(3));
            runDir.ifPresent(dir -> bridge.addAll(List.of("--dir", dir)));
            List<String> command = new ArrayList<>(words(env.getOrDefault("HOTLINE_KUBECTL", "kubectl")));
            command.addAll(List.of("exec", "-i"));
            if (kubectl.group(1) != null) {
                command.addAll(List.of("-n", kubectl.group(1)));
            }
            command.addAll(List.of(kubectl.group(2), "--"));
            command.addAll(bridge);
            return command;
        }
        throw new CliException(ExitCodes.USAGE, "'" + url + "' is not a remote target: write ssh://[USER@]HOST[:PORT]/NAME"
                + " or kubectl://[NAMESPACE/]POD/NAME");
    }

    /** One word for the remote shell that ssh hands its command to. */
    private static String shellQuoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).toList();
    }
}
