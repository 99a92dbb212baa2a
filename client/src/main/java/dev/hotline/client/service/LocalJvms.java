package dev.hotline.client.service;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The JVMs of this user that the Attach API can reach, as {@code hotline attach} offers them: the JDK lists
 * them from their performance data files, without touching processes that are not JVMs.
 */
public final class LocalJvms {
    /**
     * One JVM: its pid, what it runs (main class or jar, and arguments), its Java version, and the Hotline
     * service inside it with its port file, if any (empty when it runs none, or could not be asked).
     */
    public record Jvm(long pid, String runs, String javaVersion, Optional<String> hotlineService,
            Optional<String> hotlinePortFile) { }

    private LocalJvms() {
    }

    /** Every attachable JVM but this one, each asked for its version and whether Hotline runs in it. */
    public static List<Jvm> list() {
        List<Jvm> jvms = new ArrayList<>();
        String self = String.valueOf(ProcessHandle.current().pid());
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (descriptor.id().equals(self)) {
                continue;
            }
            String version = "?";
            Optional<String> service = Optional.empty();
            Optional<String> portFile = Optional.empty();
            try {
                VirtualMachine vm = VirtualMachine.attach(descriptor);
                try {
                    Properties properties = vm.getSystemProperties();
                    version = properties.getProperty("java.version", "?");
                    service = Optional.ofNullable(properties.getProperty("dev.hotline.service"));
                    portFile = Optional.ofNullable(properties.getProperty("dev.hotline.port-file"));
                } finally {
                    vm.detach();
                }
            } catch (Exception e) {
                // listed but not answering (exiting, another user's): shown without its details
            }
            jvms.add(new Jvm(Long.parseLong(descriptor.id()), descriptor.displayName(), version, service, portFile));
        }
        return jvms;
    }

    /** Whether {@code pid} is one of the JVMs the Attach API can reach; asks no process anything. */
    public static boolean isAttachable(long pid) {
        String id = String.valueOf(pid);
        return VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id));
    }
}
