package dev.hotline.client.commands;

import dev.hotline.protocol.Plist;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Captures the locals in scope at a source line of the service, with this and the stack, the "
                        + "first time a thread reaches it (or the first --count times), then removes itself. The "
                        + "thread does not stop.",
                "Locals called like secrets (password, token, key...) print as ***. A class compiled without local "
                        + "variable names (javac -g) gives its method's arguments, as p0, p1..."})
public final class CaptureCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..2", paramLabel = "[SERVICE] PLACE",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "PLACE: CLASS:LINE (com.acme.Pricing:42) or FILE.java:LINE (Pricing.java:42)."})
    List<String> positional;

    @Mixin
    CaptureOptions options;

    @Override
    public Integer call() throws Exception {
        int n = positional.size();
        Plist.Builder request = options.addTo(Plist.builder().put("place", positional.get(n - 1)));
        return ProbeStream.run(target, n == 2 ? positional.get(0) : null, "probe", request, options.json);
    }
}
