package dev.hotline.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the short forms of remote targets expand to: the commands README's "Services on other hosts" shows. */
class RemoteTargetsTest {
    @Test
    void sshRunsABridgeOnTheHostWithItsWordsQuotedForTheRemoteShell() throws Exception {
        assertEquals(List.of("ssh", "-T", "-p", "2222", "deploy@web1", "'hotline' 'bridge' '--name' 'orders'"),
                RemoteTargets.command("ssh://deploy@web1:2222/orders", Optional.empty(), Map.of()));
        assertEquals(List.of("ssh", "-F", "/etc/prod", "-T", "web1",
                        "'/opt/hotline/bin/hotline' 'bridge' '--name' 'orders' '--dir' '/srv/it'\\''s'"),
                RemoteTargets.command("ssh://web1/orders", Optional.of("/srv/it's"),
                        Map.of("HOTLINE_SSH", "ssh -F /etc/prod", "HOTLINE_REMOTE", "/opt/hotline/bin/hotline")));
    }

    @Test
    void kubectlExecsABridgeInThePodWithOrWithoutANamespace() throws Exception {
        assertEquals(List.of("kubectl", "exec", "-i", "-n", "shop", "orders-7d9", "--", "hotline", "bridge", "--name",
                "orders"), RemoteTargets.command("kubectl://shop/orders-7d9/orders", Optional.empty(), Map.of()));
        assertEquals(List.of("kubectl", "--context", "prod", "exec", "-i", "orders-7d9", "--", "hotline", "bridge",
                "--name", "orders"), RemoteTargets.command("kubectl://orders-7d9/orders", Optional.empty(),
                Map.of("HOTLINE_KUBECTL", "kubectl --context prod")));
    }

    @Test
    void anythingElseIsAUsageErrorThatShowsBothForms() {
        CliException e = assertThrows(CliException.class,
                () -> RemoteTargets.command("ssh://web1", Optional.empty(), Map.of()));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("ssh://[USER@]HOST[:PORT]/NAME or kubectl://[NAMESPACE/]POD/NAME"));
    }
}
