package dev.hotline.client.commands;

import dev.hotline.client.core.CliException;
import dev.hotline.client.core.ExitCodes;
import dev.hotline.protocol.Plist;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "catch", mixinStandardHelpOptions = true,
        description = {"Captures the first exception that leaves a method of the service (or the first --count): "
                        + "the locals in scope at the line it left from, the arguments, this and the exception with "
                        + "its stack. The method throws it on as before; nothing stops.",
                "--where and --show see the method's arguments by name, self and thrown (the exception). Locals "
                        + "called like secrets print as ***."})
public final class CatchCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(arity = "1..3", paramLabel = "[SERVICE] CLASS::METHOD [EXCEPTION]",
            description = {"SERVICE: a config file or a service's name, as other commands take it (or use the options).",
                    "CLASS::METHOD: every overload, or one as CLASS::METHOD(String,int), as trace takes it.",
                    "EXCEPTION: only exceptions of this class or its subclasses, by full or simple name"
                            + " (IllegalStateException)."})
    List<String> positional;

    @Mixin
    CaptureOptions options;

    @Override
    public Integer call() throws Exception {
        int method = 0;
        while (method < positional.size() && !positional.get(method).contains("::")) {
            method++;
        }
        if (method == positional.size() || method > 1 || positional.size() - method > 2) {
            throw new CliException(ExitCodes.USAGE, "hotline catch takes [SERVICE] CLASS::METHOD [EXCEPTION], as in"
                    + " hotline catch greeter com.acme.Pricing::quote IllegalStateException");
        }
        Plist.Builder request = options.addTo(Plist.builder().put("method", positional.get(method)));
        if (positional.size() - method == 2) {
            request.put("exception", positional.get(method + 1));
        }
        return ProbeStream.run(target, method == 1 ? positional.get(0) : null, "catch", request, options.json);
    }
}
