package dev.hotline.client.service;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.util.Optional;

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
            Optional<ProcessHandle> process = ProcessHandle.of(pid.pid()).filter(ProcessHandle::isAlive);
            String reason = process.isEmpty() ? "pid " + pid.pid() + " is gone"
                    : !RunDirectory.isRunning(process.get()) ? "pid " + pid.pid() + " has exited (a zombie its parent has not reaped yet)"
                    : "pid " + pid.pid() + " now belongs to another process";
            return new Stale(pid, reason);
        } catch (IOException e) {
            return new Unknown(e.getMessage());
        }
    }
}
