package dev.hotline.server.compilehost;

import dev.hotline.protocol.Plist;
import dev.hotline.server.eval.LiveDeclaration;
import dev.hotline.server.eval.SnippetExecution;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The compile host's stand-in for the service's {@code SnippetExecutor}: JShell, running here, loads and runs
 * its snippet classes through it, and each call goes to the service over the request's connection. The values
 * stay in the service. Stopping is the service's business too: when it answers a call with
 * {@code StoppedException}, {@code onStopped} tells this JShell the evaluation was interrupted.
 */
final class RemoteExecution implements SnippetExecution, ExecutionControlProvider {
    private final HostCalls calls;
    private final Runnable onStopped;
    private String lastInvokedClass;

    RemoteExecution(HostCalls calls, Runnable onStopped) {
        this.calls = calls;
        this.onStopped = onStopped;
    }

    @Override
    public ExecutionControlProvider provider() {
        return this;
    }

    @Override
    public String name() {
        return "hotline-compile-host";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new Control();
    }

    @Override
    public String lastInvokedClass() {
        return lastInvokedClass;
    }

    @Override
    public void forgetLastInvoked() {
        lastInvokedClass = null;
    }

    @Override
    public String invokeAgain(String wrapperClass) throws ExecutionControl.ExecutionControlException {
        return invoke(wrapperClass, "do_it$");
    }

    /** Values stay in the service, which decides what moves to a fresh JShell. */
    @Override
    public Optional<LiveDeclaration.CarriedVariable> carried(String name, String type) {
        return Optional.empty();
    }

    @Override
    public boolean setCarried(String name, LiveDeclaration.CarriedVariable carried) {
        try {
            calls.execution(Plist.builder().put("call", "carry").put("name", name).build());
            return true;
        } catch (ExecutionControl.ExecutionControlException e) {
            return false;
        }
    }

    private String invoke(String className, String method) throws ExecutionControl.ExecutionControlException {
        lastInvokedClass = className;
        try {
            return calls.execution(Plist.builder().put("call", "invoke").put("class", className)
                    .put("method", method).build());
        } catch (ExecutionControl.StoppedException e) {
            onStopped.run();
            throw e;
        }
    }

    /** JShell's engine, each call answered by the service's. */
    private final class Control implements ExecutionControl {
        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            try {
                calls.execution(Plist.builder().put("call", "load").put("classes", HostMessages.classes(cbcs)).build());
            } catch (ClassInstallException | NotImplementedException | EngineTerminationException e) {
                throw e;
            } catch (ExecutionControlException e) {
                throw new EngineTerminationException("the service could not load snippet classes: " + e.getMessage());
            }
        }

        @Override
        public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
            throw new NotImplementedException("snippet classes are loaded anew, never redefined");
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
            try {
                return RemoteExecution.this.invoke(className, methodName);
            } catch (RunException | EngineTerminationException | InternalException e) {
                throw e;
            } catch (ExecutionControlException e) {
                throw new InternalException(e.getMessage());
            }
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
            try {
                return calls.execution(Plist.builder().put("call", "var-value").put("class", className)
                        .put("name", varName).build());
            } catch (RunException | EngineTerminationException | InternalException e) {
                throw e;
            } catch (ExecutionControlException e) {
                throw new InternalException(e.getMessage());
            }
        }

        @Override
        public void addToClasspath(String path) throws EngineTerminationException, InternalException {
            try {
                calls.execution(Plist.builder().put("call", "add-to-class-path").put("path", path).build());
            } catch (EngineTerminationException | InternalException e) {
                throw e;
            } catch (ExecutionControlException e) {
                throw new InternalException(e.getMessage());
            }
        }

        /** The service stops its own snippets (see the class comment); nothing runs here to stop. */
        @Override
        public void stop() {
        }

        @Override
        public Object extensionCommand(String command, Object arg) throws RunException, EngineTerminationException, InternalException {
            throw new NotImplementedException("no extension command " + command);
        }

        @Override
        public void close() {
        }
    }
}
