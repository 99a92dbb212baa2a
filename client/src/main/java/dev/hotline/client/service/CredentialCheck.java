package dev.hotline.client.service;

import dev.hotline.protocol.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code hotline doctor --name NAME} says of a service's credentials: each one, who may use it, the role it
 * grants, and whether the user running hotline may use it; then the role this user will get. The service's own
 * rules are its agent's (the token files, {@code socket-group}); this reads the files they leave.
 */
final class CredentialCheck {
    private CredentialCheck() {
    }

    /** The findings, in order: socket, operate token, observe token, then the conclusion. */
    static List<Diagnosis.Finding> of(RunDirectory run) {
        List<Diagnosis.Finding> findings = new ArrayList<>();
        String me = System.getProperty("user.name");
        boolean socket = Files.isWritable(run.socketFile());
        boolean operate = Files.isReadable(run.tokenFile());
        boolean observe = Files.isReadable(run.observeTokenFile());
        String owner = describe(run.socketFile(), findings, "the Unix socket, where no token is asked: its owner connects"
                + " as operate, and members of its group as observe when the service was started with"
                + " socket-group=GROUP (else the socket is mode 0600, its owner's alone)", socket, "connect to it");
        describe(run.tokenFile(), findings, "the operate token: it grants everything (evaluate, reload, snapshot,"
                + " shutdown)", operate, "read it");
        describe(run.observeTokenFile(), findings, "the observe token: it grants looking (status, threads, dumps,"
                + " trace, probes and monitors that only read, profile, audit), never a change", observe, "read it");
        boolean socketOperates = socket && me.equals(owner);
        if (socketOperates || operate) {
            findings.add(new Diagnosis.Finding(Diagnosis.Verdict.OK, "you (" + me + ") connect to " + run.name()
                    + " as operate, through " + (socketOperates ? "the Unix socket" : "the token " + run.tokenFile())));
        } else if (socket || observe) {
            findings.add(new Diagnosis.Finding(Diagnosis.Verdict.WARNING, "you (" + me + ") connect to " + run.name()
                    + " as observe, through " + (socket ? "the Unix socket" : "the token " + run.observeTokenFile())
                    + ": you can look but not change; to operate, run hotline as " + (owner == null ? "the service's"
                    + " user" : owner + " (sudo -u " + owner + " hotline ...)")));
        } else {
            findings.add(new Diagnosis.Finding(Diagnosis.Verdict.PROBLEM, "you (" + me + ") cannot connect to "
                    + run.name() + ": no credential here is yours; ask for the service's group (socket-group) to"
                    + " observe, or run hotline as the service's user to operate"));
        }
        return findings;
    }

    /** Adds one credential's finding; returns its file's owner, or null when it is not there. */
    private static String describe(Path file, List<Diagnosis.Finding> findings, String what, boolean usable,
            String use) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            findings.add(new Diagnosis.Finding(Diagnosis.Verdict.OK, file + " (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + ", owner " + attributes.owner().getName()
                    + ", group " + attributes.group().getName() + ") is " + what + "; you " + (usable ? "may " : "may not ")
                    + use));
            return attributes.owner().getName();
        } catch (IOException e) {
            findings.add(new Diagnosis.Finding(Diagnosis.Verdict.OK, file + " is not there or cannot be read ("
                    + e.getMessage() + "): it would be " + what));
            return null;
        }
    }
}
