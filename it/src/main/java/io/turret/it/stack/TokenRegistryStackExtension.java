package io.turret.it.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link TokenRegistryStack} parameter: one stack shared by the whole test run,
 * started on first use and closed when the run ends (or on Ctrl-C). It can sit beside
 * {@link RegistryStackExtension}, which resolves the {@code DockerClient}.
 *
 * <pre>{@code
 * @ExtendWith({TokenRegistryStackExtension.class, RegistryStackExtension.class})
 * class TokenPushIT {
 *     @Test
 *     void pushes(TokenRegistryStack stack, DockerClient docker) { ... }
 * }
 * }</pre>
 *
 * A test that changes the shared stack's token server (lifetime, grants) puts it back when done,
 * or starts a stack of its own with {@link TokenRegistryStack#start()} in try-with-resources.
 */
public final class TokenRegistryStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TokenRegistryStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TokenRegistryStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store closes what it holds (AutoCloseable) when the whole run ends.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TokenRegistryStack.class, key -> TokenRegistryStack.start(), TokenRegistryStack.class);
    }
}
