package io.turret.maven.mojo;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * The registry check that {@code turret:release} makes first, as a goal of its own (a pipeline's
 * first stage): the registry answers over verified TLS, accepts the credential, and lets it push
 * to every service's repository. Needs only the pom.
 */
@Mojo(name = "check", threadSafe = true)
public class CheckMojo extends ImageMojo {
    @Override
    String goal() {
        return "check";
    }

    @Override
    void run() {
        checkRegistry(registryClient());
    }
}
