package dev.hotline.server.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service's live changes, as {@code snapshot} saves them and the next start resumes them: what each named
 * session declared (source, in an order that replays) and the classes that were hot-reloaded (bytes). Object
 * state is not kept, except what replaying a declaration re-creates.
 *
 * @param sessions each named session's live declarations, in declaration order
 * @param classes the latest bytes of each hot-reloaded class, per loader
 */
public record Image(String service, Instant created, String javaVersion, String hotlineVersion,
        Map<String, List<String>> sessions, List<ClassEntry> classes) {

    /** One hot-reloaded class: its loader's name ({@code app}...), where its bytes came from, the bytes. */
    public record ClassEntry(String className, String loader, String origin, byte[] bytes) { }
}
