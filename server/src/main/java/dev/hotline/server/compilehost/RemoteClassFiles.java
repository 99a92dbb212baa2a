package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.server.eval.LoaderClassFile;
import dev.hotline.server.eval.OtherClassFiles;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The service's other loaders' classes (fat jars, nested jars, plugin loaders), as the compile host's javac sees
 * them: listed and read by asking the service. Whether there are any is said by each request
 * ({@code :other-loaders}), so a service with none is never asked.
 */
final class RemoteClassFiles implements OtherClassFiles {
    private final HostCalls calls;
    private volatile boolean any;

    RemoteClassFiles(HostCalls calls) {
        this.calls = calls;
    }

    /** What the request being served says of the service's other loaders. */
    void otherLoaders(boolean any) {
        this.any = any;
    }

    @Override
    public boolean any() {
        return any;
    }

    @Override
    public List<LoaderClassFile> list(String packageName) {
        Plist answer = calls.lookup(Plist.builder().put("call", "list-classes").put("package", packageName).build());
        List<LoaderClassFile> files = new ArrayList<>();
        for (String name : answer.strings("names")) {
            files.add(LoaderClassFile.from("service/" + name.replace('.', '/') + ".class", name, () -> {
                Plist bytes = calls.lookup(Plist.builder().put("call", "class-bytes").put("name", name).build());
                return bytes.string("bytes").map(b -> new ByteArrayInputStream(Base64.getDecoder().decode(b)))
                        .orElse(null);
            }));
        }
        return files;
    }
}
