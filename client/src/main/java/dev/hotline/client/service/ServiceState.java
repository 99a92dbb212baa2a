package dev.hotline.client.service;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;

/** What the run directory says about a service, checked against the live processes. */
public sealed interface ServiceState {

    /** The pid file names a live process that started when recorded: the service. */
    record Running(RunDirectory.PidRecord record, ProcessHandle process) implements ServiceState { }

    /** The pid file names a process that is gone, or a live process that is not ours (the pid was reused). */
    record Stale(RunDirectory.PidRecord record, String reason) implements ServiceState { }

    /** No pid file. */
    record NotRunning() implements ServiceState { }

    /** The pid file cannot be read. */
    record Unknown(String reason) implements ServiceState { }

    static ServiceState of(RunDirectory run) {
        try {
            var record = run.readPid();
            if (record.isEmpty()) {
                return new NotRunning();
            }
            var pid = record.get();
            var live = pid.liveProcess();
            if (live.isPresent()) {
                return new Running(pid, live.get());
            }
            boolean reused = ProcessHandle.of(pid.pid()).map(ProcessHandle::isAlive).orElse(false);
            return new Stale(pid, reused ? "pid " + pid.pid() + " now belongs to another process" : "pid " + pid.pid() + " is gone");
        } catch (IOException e) {
            return new Unknown(e.getMessage());
        }
    }
}
