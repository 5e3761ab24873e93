package io.turret.maven.mojo;

import io.turret.failure.UserFailure;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.push.PromotedImages;
import io.turret.push.PushedImage;
import io.turret.push.ReleaseRecord;
import io.turret.registry.RegistryClient;
import io.turret.tagging.Promotion;
import io.turret.tagging.TagMove;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Moves every service's {@code suffix} tag to exactly the manifest the {@code from} suffix's last
 * release pushed and tested: all or nothing, no rebuild, no upload. Refuses when the {@code from}
 * tags moved since that release. Writes {@code target/turret/promotion.json}. Needs only the pom.
 */
@Mojo(name = "promote", threadSafe = true)
public class PromoteMojo extends ImageMojo {
    /** The suffix whose tested release is promoted, e.g. {@code integration}; the target is {@code suffix}. */
    @Parameter(property = Properties.FROM)
    String from;

    @Override
    String goal() {
        return "promote";
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
        if (from == null || from.isBlank()) {
            throw new UserFailure("No suffix to promote from: give it with -Dfrom=SUFFIX (the suffix whose tested release moves"
                    + " to -Dsuffix=" + naming.suffix().value() + "), e.g. -Dfrom=integration.");
        }
        String source = new Suffix(from.strip()).value();
        String target = naming.suffix().value();
        if (source.equals(target)) {
            throw new UserFailure("-Dfrom=" + source + " and -Dsuffix=" + target + " are the same suffix; promote to another one.");
        }
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Service service : services == null ? List.<Service>of() : services) {
            String name = ServiceSpec.requireName(service.name);
            repositories.put(name, naming.repository(name));
        }
        RegistryClient registry = registryClient();
        registry.ping();
        repairUnfinishedRelease(registry);
        List<TagMove> moves = new Promotion(registryTags(registry), new MavenLog(getLog())).promote(newRunId(), source, target,
                repositories);
        List<PushedImage> promoted = PromotedImages.of(registry, target, moves);
        ReleaseRecord.write(turretDirectory().resolve("promotion.json"), target, registry.registry(),
                GitRevision.of(projectDirectory.toPath()), promoted);
        getLog().info("Promoted " + source + " to " + target + " on " + registry.registry() + " (no blob uploaded);"
                + " target/turret/promotion.json records it:");
        ReleaseRecord.table(promoted).forEach(getLog()::info);
    }
}
