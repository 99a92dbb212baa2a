package dev.hotline.client.service;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.util.Optional;

/** What the run directory says about a service, checked against the live processes. */
public sealed interface ServiceState {

    /** The state in one word, as {@code --json} gives it: running, stale, not-running or unknown. */
    String word();

    /** The pid the pid file records, or 0 when there is none. */
    default long pid() {
        return 0;
    }

    /** The pid file names a live process that started when recorded: the service. */
    record Running(RunDirectory.PidRecord record, ProcessHandle process) implements ServiceState {
        @Override
        public String word() {
            return "running";
        }

        @Override
        public long pid() {
            return record.pid();
        }
    }

    /** The pid file names a process that is gone, or a live process that is not ours (the pid was reused). */
    record Stale(RunDirectory.PidRecord record, String reason) implements ServiceState {
        @Override
        public String word() {
            return "stale";
        }

        @Override
        public long pid() {
            return record.pid();
        }
    }

    /** No pid file. */
    record NotRunning() implements ServiceState {
        @Override
        public String word() {
            return "not-running";
        }
    }

    /** The pid file cannot be read. */
    record Unknown(String reason) implements ServiceState {
        @Override
        public String word() {
            return "unknown";
        }
    }

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
