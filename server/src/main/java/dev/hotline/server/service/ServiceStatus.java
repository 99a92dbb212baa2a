package dev.hotline.server.service;

import dev.hotline.protocol.Plist;
import dev.hotline.protocol.Sexp;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * A snapshot of the service as {@code status} and {@code /status} report it. Built once, rendered as a
 * plist for clients or as text for the line protocol.
 */
public record ServiceStatus(String service, long pid, Duration uptime, String javaVersion, String vm, int port,
        long heapUsed, long heapMax, int threads, List<String> sessions, int connections, int redefinitions,
        String image, List<String> waiting, String compile) {

    static ServiceStatus capture(String service, int port, List<String> sessions, int connections, int redefinitions,
            String image, List<String> waiting, String compile) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ServiceStatus(service, ProcessHandle.current().pid(), Duration.ofMillis(runtime.getUptime()),
                System.getProperty("java.version"), runtime.getVmName(), port, heap.getUsed(), heap.getMax(),
                ManagementFactory.getThreadMXBean().getThreadCount(), sessions, connections, redefinitions,
                image, waiting, compile);
    }

    public Plist toPlist() {
        return Plist.builder()
                .put("service", service).put("pid", pid).put("uptime-ms", uptime.toMillis())
                .put("java-version", javaVersion).put("vm", vm).put("port", port)
                .put("heap-used", heapUsed).put("heap-max", heapMax).put("threads", threads)
                .put("sessions", Sexp.list(sessions.stream().map(Sexp::str).toList()))
                .put("connections", connections)
                .put("redefinitions", redefinitions)
                .put("image", image == null ? "none" : image)
                .put("waiting", Sexp.list(waiting.stream().map(Sexp::str).toList()))
                .put("compile", compile)
                .build();
    }

    public String toText() {
        return String.format("service %s, pid %d, up %ds%njava %s (%s), port %d%nheap %d MB used of %d MB, %d threads%n"
                        + "sessions: %s; connections: %d; classes redefined: %d%ncompiles %s%n",
                service, pid, uptime.toSeconds(), javaVersion, vm, port, heapUsed >> 20, heapMax >> 20, threads,
                sessions.isEmpty() ? "none" : String.join(", ", sessions), connections, redefinitions, compile)
                + (image == null ? "" : image + "\n")
                + (waiting.isEmpty() ? "" : "classes reloaded but not loaded yet, waiting for their loader:\n  "
                        + String.join("\n  ", waiting) + "\n");
    }
}
