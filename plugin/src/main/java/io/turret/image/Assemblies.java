package io.turret.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.turret.auth.CredentialLookup;
import io.turret.docker.DockerAccess;
import io.turret.parallel.BoundedParallel;
import io.turret.reuse.ContentKeys;
import io.turret.reuse.HashCache;
import io.turret.pull.Registries;
import io.turret.report.Log;
import io.turret.oci.Platform;
import io.turret.platform.ReleasePlatforms;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code turret:assemble}: every service's image for every platform, up to {@code threads} at once,
 * after every image's layers and every base were checked; then {@code images.json}.
 */
public final class Assemblies {
    private final DockerAccess docker;
    private final Log log;
    private final Registries registries;
    private final boolean rerun;

    public Assemblies(DockerAccess docker, Log log) {
        this(docker, log, CredentialLookup.NONE);
    }

    /** @param credentials for base images pulled from a registry */
    public Assemblies(DockerAccess docker, Log log, CredentialLookup credentials) {
        this(docker, log, credentials, false);
    }

    /** @param rerun assemble every image, even one whose tarball of the same inputs is there */
    public Assemblies(DockerAccess docker, Log log, CredentialLookup credentials, boolean rerun) {
        this(docker, log, Registries.direct(credentials, log), rerun);
    }

    /** @param registries the clients of the registries base images come from */
    public Assemblies(DockerAccess docker, Log log, Registries registries, boolean rerun) {
        this.docker = docker;
        this.log = log;
        this.registries = registries;
        this.rerun = rerun;
    }

    /**
     * A queue that assembles each service once the builders it takes outputs from have passed;
     * tell it each builder that passes, then {@link AssemblyQueue#finish()}.
     */
    public AssemblyQueue queue(AssembleSettings settings, ContentKeys projectFiles) {
        ReleasePlatforms platforms = platforms(settings);
        return new AssemblyQueue(settings, platforms, new ServiceAssembler(settings, platforms, docker, log, registries, rerun,
                projectFiles));
    }

    /**
     * The platforms of this engine's release. A {@code <platformBases>} entry of a platform this run does not release
     * is not used: a pom names every platform's base, a run may release fewer.
     */
    private ReleasePlatforms platforms(AssembleSettings settings) {
        return settings.build().platforms().resolve(docker.platform());
    }

    /**
     * Starts hashing the project files the services' layers take (a data layer can be large),
     * so that their keys are ready when the services are assembled: called first thing in a release.
     * A file unchanged since an earlier run is not read ({@link HashCache}); closing the keys saves them.
     */
    public static ContentKeys hashProjectFilesAhead(AssembleSettings settings, Log log) {
        LayerPlanner planner = new LayerPlanner(settings::root, settings.build().projectDirectory());
        ContentKeys keys = contentKeys(settings, log);
        settings.services().forEach(service -> keys.hashAhead(planner.projectFiles(service)));
        return keys;
    }

    public List<AssembledImage> assembleAll(AssembleSettings settings) {
        if (settings.services().isEmpty()) {
            log.info("No <services> configured: nothing to assemble.");
            return List.of();
        }
        ReleasePlatforms platforms = platforms(settings);
        record Unit(ServiceSpec service, Platform platform, List<FileEntriesLayer> layers) {
        }
        List<Unit> units = new ArrayList<>();
        for (ServiceSpec service : settings.services()) {
            for (Platform platform : platforms.platforms()) {
                LayerPlanner planner = new LayerPlanner(layer -> settings.root(layer, platform, platforms.several()),
                        settings.build().projectDirectory());
                units.add(new Unit(service, platform, planner.plan(service)));
            }
        }
        try (ContentKeys contentKeys = contentKeys(settings, log)) {
            ServiceAssembler assembler = new ServiceAssembler(settings, platforms, docker, log, registries, rerun, contentKeys);
            settings.services().forEach(assembler::checkBases);
            List<AssembledImage> images = BoundedParallel.map(units, settings.build().threads(), "turret-assemble",
                    unit -> assembler.assemble(unit.service(), unit.platform(), unit.layers()));
            ImagesJson.write(settings.imagesJson(), settings.naming().suffix(), images);
            return images;
        }
    }

    private static ContentKeys contentKeys(AssembleSettings settings, Log log) {
        return new ContentKeys(HashCache.load(settings.build().turretDirectory().resolve(HashCache.FILE_NAME), log));
    }
}
