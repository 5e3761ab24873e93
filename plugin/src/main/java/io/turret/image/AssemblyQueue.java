package io.turret.image;

import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.Platform;
import io.turret.parallel.Workers;
import io.turret.platform.ReleasePlatforms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Assembles each service's image for each platform as soon as the builder runs its layers take from
 * (those of that platform) have passed, while the other builders still run; an image of no builder's
 * output starts at once. Closing it before {@link #finish()} (a build failed) stops what is still
 * waiting or running, and tells whoever waits for an image that it will not come.
 */
public final class AssemblyQueue implements AutoCloseable {
    private final AssembleSettings settings;
    private final ReleasePlatforms platforms;
    private final ServiceAssembler assembler;
    private final ExecutorService pool;
    private final Set<String> passed = new LinkedHashSet<>();
    private final Set<Unit> started = new LinkedHashSet<>();
    /** Each service's image for each platform: completed when its assembly ends. */
    private final Map<Unit, CompletableFuture<AssembledImage>> assembled = new ConcurrentHashMap<>();

    /** One image to assemble: a service's for a platform. */
    private record Unit(ServiceSpec service, Platform platform) {
    }

    AssemblyQueue(AssembleSettings settings, ReleasePlatforms platforms, ServiceAssembler assembler) {
        this.settings = settings;
        this.platforms = platforms;
        this.assembler = assembler;
        units().forEach(unit -> assembled.put(unit, new CompletableFuture<>()));
        this.pool = Workers.pool(settings.build().threads(), "turret-assemble");
        startReady();
    }

    /**
     * Resolves every base a registry gives, for every platform: a base that lacks a platform fails
     * here, before any build. Nothing to do for a release of one platform whose bases are in the engine.
     */
    public void checkBases() {
        settings.services().forEach(assembler::checkBases);
    }

    /** The builder's run passed (or reused its outputs): every image now ready starts. */
    public synchronized void builderPassed(String builder) {
        passed.add(builder);
        startReady();
    }

    /**
     * Starts what is left, waits for every image, and writes images.json; throws the first failure.
     *
     * @return every service's images, the services in the pom's order, each's platforms in the configured order
     */
    public List<AssembledImage> finish() {
        synchronized (this) {
            units().forEach(this::start);
        }
        List<AssembledImage> images = new ArrayList<>();
        RuntimeException firstError = null;
        for (Unit unit : units()) {
            try {
                images.add(assembled.get(unit).get());
            } catch (ExecutionException e) {
                RuntimeException cause = Workers.failure(e);
                firstError = firstError == null ? cause : firstError;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailure("Interrupted while assembling the images", e);
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        ImagesJson.write(settings.imagesJson(), settings.naming().suffix(), images);
        return images;
    }

    private List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        settings.services().forEach(service -> platforms.platforms().forEach(platform -> units.add(new Unit(service, platform))));
        return units;
    }

    private void startReady() {
        for (Unit unit : units()) {
            if (passed.containsAll(builders(unit))) {
                start(unit);
            }
        }
    }

    /** The id of the service's image for the first platform, once it is assembled (and in the engine): waits for it. */
    public Digest imageId(String service) {
        return imageId(service, platforms.platforms().get(0));
    }

    /**
     * The id of the service's image for {@code platform}, once it is assembled (and in the engine): waits for it.
     *
     * @throws UserFailure when no service has that name
     * @throws EnvironmentFailure when the image will not come (its assembly failed, or the queue closed)
     */
    public Digest imageId(String service, Platform platform) {
        CompletableFuture<AssembledImage> image = assembled.entrySet().stream()
                .filter(entry -> entry.getKey().service().name().equals(service) && entry.getKey().platform().equals(platform))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (image == null) {
            throw new UserFailure("There is no <service> named '" + service + "'; the services are "
                    + settings.services().stream().map(ServiceSpec::name).toList() + ".");
        }
        try {
            return image.get().imageId();
        } catch (ExecutionException | CancellationException e) {
            throw new EnvironmentFailure("The image of the service '" + service + "' was not assembled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentFailure("Interrupted while waiting for the image of the service '" + service + "'", e);
        }
    }

    private void start(Unit unit) {
        if (started.add(unit)) {
            CompletableFuture<AssembledImage> image = assembled.get(unit);
            LayerPlanner planner = new LayerPlanner(layer -> settings.root(layer, unit.platform(), platforms.several()),
                    settings.build().projectDirectory());
            pool.execute(() -> {
                try {
                    image.complete(assembler.assemble(unit.service(), unit.platform(), planner.plan(unit.service())));
                } catch (RuntimeException | Error e) {
                    image.completeExceptionally(e);
                }
            });
        }
    }

    /** The names of the builder runs the image's layers take from: those for its platform. */
    private Set<String> builders(Unit unit) {
        Set<String> builders = new LinkedHashSet<>();
        unit.service().layers().stream().filter(LayerSpec::fromBuildOutput).forEach(layer -> builders.add(settings.build()
                .builder(layer.builder(), layer.name()).forPlatform(unit.platform(), platforms.several()).name()));
        return builders;
    }

    @Override
    public void close() {
        assembled.values().forEach(image -> image.cancel(false));
        Workers.stop(pool);
    }
}
