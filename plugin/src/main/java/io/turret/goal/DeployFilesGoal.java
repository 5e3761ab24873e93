package io.turret.goal;

import io.turret.deploy.DeployFiles;
import io.turret.deploy.Deployment;
import io.turret.deploy.Wiring;
import io.turret.failure.UserFailure;
import io.turret.image.ImageNaming;
import io.turret.itest.TestContainerSpec;
import io.turret.oci.Digest;
import io.turret.tagging.ReleaseJournal;
import io.turret.tagging.TagStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * turret:deploy-files: the suffix's release as deployment files pinned by digest, under
 * {@code target/turret/deploy/SUFFIX/}: {@code compose.yaml}, {@code kustomization.yaml} and a systemd
 * unit per service, wired as the test environment ran the services. The digests are read from the
 * registry, so any checkout with the pom writes them, after a release or a promote, without {@code target/}.
 *
 * @param repositories each service's repository, by the service's name, in the pom's order
 * @param containers the test environment's containers: their wiring goes into the files
 */
public record DeployFilesGoal(ImageNaming naming, Map<String, String> repositories, List<TestContainerSpec> containers)
        implements Goal {
    public DeployFilesGoal {
        repositories = new LinkedHashMap<>(repositories);
        containers = List.copyOf(containers);
    }

    @Override
    public void run(RunContext context) {
        ReleaseRegistry release = new ReleaseRegistry(context, naming);
        write(context, release.tags(release.client()));
    }

    /** Writes the files from the digests the suffix's tags point at now; what turret:promote ends with. */
    void write(RunContext context, TagStore tags) {
        write(context, deployment(tags));
    }

    /**
     * Writes the files of a release that has just moved the suffix's tags to {@code digests}; what turret:release
     * ends with (the tags are not read back: the release knows where it put them).
     *
     * @param digests each service's digest, by the service's name
     */
    void write(RunContext context, Map<String, Digest> digests) {
        write(context, deployment(digests));
    }

    private void write(RunContext context, Deployment deployment) {
        Path folder = context.workspace().turret().resolve("deploy").resolve(deployment.suffix());
        DeployFiles.write(folder, deployment);
        context.log().info("Deployment files of " + deployment.suffix() + ", pinned by digest, in " + context.workspace().shown(folder)
                + ": compose.yaml, kustomization.yaml, systemd/" + (deployment.variables().isEmpty() ? ""
                        : "; variables to give: " + String.join(", ", deployment.variables())));
    }

    /** The services pinned by the digests their suffix tags point at; refused when a tag is missing or a release of it unfinished. */
    Deployment deployment(TagStore tags) {
        String suffix = naming.suffix().value();
        if (tags.journal(suffix).filter(ReleaseJournal::unfinished).isPresent()) {
            throw new UserFailure("A release of the suffix " + suffix + " in " + naming.registry() + " is unfinished: its tags"
                    + " may be moving. See turret:status -Dsuffix=" + suffix + "; once it has finished (turret:check -Dsuffix="
                    + suffix + " finishes one a crash cut short), run turret:deploy-files again.");
        }
        Map<String, Digest> digests = new LinkedHashMap<>();
        List<String> untagged = new ArrayList<>();
        repositories.forEach((service, repository) -> {
            // the digest the tag points at, whatever it is: an image manifest today, an index once a release is multi-platform
            Optional<Digest> digest = tags.tagged(repository, suffix);
            digest.ifPresentOrElse(found -> digests.put(service, found), () -> untagged.add(repository + ":" + suffix));
        });
        if (!untagged.isEmpty()) {
            throw new UserFailure("No release of the suffix " + suffix + " in " + naming.registry() + " (no tag "
                    + String.join(", ", untagged) + "); release it (turret:release -Dsuffix=" + suffix + ") or promote one to it"
                    + " (turret:promote -Dfrom=SUFFIX -Dsuffix=" + suffix + ") first.");
        }
        return deployment(digests);
    }

    private Deployment deployment(Map<String, Digest> digests) {
        String suffix = naming.suffix().value();
        Map<String, String> references = new LinkedHashMap<>();
        repositories.forEach((service, repository) -> references.put(service, naming.registry() + "/" + repository));
        return Wiring.of(naming.registry(), naming.namespace(), suffix, references, digests, containers);
    }
}
