package io.turret.maven.mojo;

import io.turret.tagging.ReleaseStatus;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * What each service's suffix tag points at in the registry, which release put it there, and
 * whether a release of that suffix is unfinished. Reads only; needs only the pom.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends ImageMojo {
    @Override
    String goal() {
        return "status";
    }

    @Override
    void run() {
        new ReleaseStatus(registryTags(registryClient()), liveness()).report(naming().suffix().value(), serviceRepositories())
                .forEach(getLog()::info);
    }
}
