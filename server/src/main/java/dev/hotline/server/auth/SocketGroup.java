package dev.hotline.server.auth;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.List;

/**
 * The group of {@code socket-group=GROUP}: its members connect to the Unix socket as {@link Role#OBSERVE} and read
 * the observe token. Membership is the peer's primary group, as the kernel reports it ({@code SO_PEERCRED}), or
 * the group's member list in {@code /etc/group}, as {@code usermod -aG} writes it.
 */
public final class SocketGroup {
    private static final Path GROUP_DATABASE = Path.of("/etc/group");

    private final String name;
    private final GroupPrincipal principal;

    private SocketGroup(String name, GroupPrincipal principal) {
        this.name = name;
        this.principal = principal;
    }

    /**
     * The group called {@code name}.
     *
     * @throws IOException naming the group when the system does not know it
     */
    public static SocketGroup named(String name) throws IOException {
        try {
            return new SocketGroup(name,
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name));
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("option socket-group=" + name + ": no such group on this system (getent group "
                    + name + ")", e);
        }
    }

    public String name() {
        return name;
    }

    /**
     * Opens the service's files to the group: the run directory may be entered and listed (0750), the socket
     * connected to (0660) and the observe token read (0640); every other file stays the service user's own.
     */
    public void share(Path runDirectory, Path socket, Path observeToken) throws IOException {
        setGroup(runDirectory, "rwxr-x---");
        setGroup(socket, "rw-rw----");
        setGroup(observeToken, "rw-r-----");
    }

    private void setGroup(Path file, String mode) throws IOException {
        if (Files.exists(file)) {
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(principal);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        }
    }

    /** Whether {@code user}, whose primary group is {@code primaryGroup}, belongs to this group. */
    public boolean admits(String user, String primaryGroup) {
        if (name.equals(primaryGroup)) {
            return true;
        }
        try {
            return listsMember(Files.readAllLines(GROUP_DATABASE), name, user);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether group {@code group}'s line in {@code /etc/group}'s {@code lines} ({@code name:x:gid:a,b}) lists {@code user}. */
    static boolean listsMember(List<String> lines, String group, String user) {
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length == 4 && fields[0].equals(group)) {
                return Arrays.asList(fields[3].split(",")).contains(user);
            }
        }
        return false;
    }
}
