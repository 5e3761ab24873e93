package io.turret.maven.mojo;

import io.turret.image.ImageNaming;
import io.turret.image.ServiceSpec;
import io.turret.tagging.ReleaseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    boolean goalSkipped() {
        return false;
    }

    @Override
    String goalSkipProperty() {
        return Properties.SKIP;
    }

    @Override
    void run() {
        ImageNaming naming = naming();
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Service service : services == null ? List.<Service>of() : services) {
            String name = ServiceSpec.requireName(service.name);
            repositories.put(name, naming.repository(name));
        }
        new ReleaseStatus(registryTags(registryClient())).report(naming.suffix().value(), repositories).forEach(getLog()::info);
    }
}
