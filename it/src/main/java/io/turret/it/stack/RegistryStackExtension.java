package io.turret.it.stack;

import com.github.dockerjava.api.DockerClient;
import io.turret.it.host.DockerEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the real stack: a {@link RegistryStack} parameter gets one stack shared by the whole
 * test run (started on first use, closed when the run ends), a {@link DockerClient} parameter a
 * client of an engine that answers.
 *
 * <pre>{@code
 * @ExtendWith(RegistryStackExtension.class)
 * class PushIT {
 *     @Test
 *     void pushes(RegistryStack stack, DockerClient docker) { ... }
 * }
 * }</pre>
 */
public final class RegistryStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RegistryStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RegistryStack.class || type == DockerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == DockerClient.class) {
            return engine().client();
        }
        // The root store closes what it holds (AutoCloseable) when the whole run ends.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RegistryStack.class, key -> RegistryStack.start(), RegistryStack.class);
    }

    /** The engine; a local dockerd is started (and installed) when none answers. */
    public static DockerEngine engine() {
        return DockerEngine.ensureRunning(Path.of(System.getProperty(RegistryStack.WORKDIR_PROPERTY, "target/stacks")));
    }
}
