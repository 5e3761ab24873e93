package io.turret.image;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.parallel.Workers;
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
 * Assembles each service as soon as the builders its layers take from have passed, while the
 * other builders still run; a service of no builder's output starts at once. Closing it before
 * {@link #finish()} (a build failed) stops what is still waiting or running, and tells whoever
 * waits for an image that it will not come.
 */
public final class AssemblyQueue implements AutoCloseable {
    private final AssembleSettings settings;
    private final LayerPlanner planner;
    private final ServiceAssembler assembler;
    private final ExecutorService pool;
    private final Set<String> passed = new LinkedHashSet<>();
    private final Set<String> started = new LinkedHashSet<>();
    /** Each service's image, by the service's name: completed when its assembly ends. */
    private final Map<String, CompletableFuture<AssembledImage>> assembled = new ConcurrentHashMap<>();

    AssemblyQueue(AssembleSettings settings, ServiceAssembler assembler) {
        this.settings = settings;
        this.planner = new LayerPlanner(settings::root, settings.build().projectDirectory());
        this.assembler = assembler;
        settings.services().forEach(service -> assembled.put(service.name(), new CompletableFuture<>()));
        this.pool = Workers.pool(settings.build().threads(), "turret-assemble");
        startReady();
    }

    /** The builder passed (or reused its outputs): every service now ready starts. */
    public synchronized void builderPassed(String builder) {
        passed.add(builder);
        startReady();
    }

    /** Starts what is left, waits for every service, and writes images.json; throws the first service's failure. */
    public List<AssembledImage> finish() {
        synchronized (this) {
            settings.services().forEach(this::start);
        }
        List<AssembledImage> images = new ArrayList<>();
        RuntimeException firstError = null;
        for (ServiceSpec service : settings.services()) {
            try {
                images.add(assembled.get(service.name()).get());
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

    private void startReady() {
        for (ServiceSpec service : settings.services()) {
            if (passed.containsAll(builders(service))) {
                start(service);
            }
        }
    }

    /**
     * The id of the service's image, once it is assembled (and in the engine): waits for it.
     *
     * @throws UserFailure when no service has that name
     * @throws EnvironmentFailure when the image will not come (its assembly failed, or the queue closed)
     */
    public Digest imageId(String service) {
        CompletableFuture<AssembledImage> image = assembled.get(service);
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

    private void start(ServiceSpec service) {
        if (started.add(service.name())) {
            CompletableFuture<AssembledImage> image = assembled.get(service.name());
            pool.execute(() -> {
                try {
                    image.complete(assembler.assemble(service, planner.plan(service)));
                } catch (RuntimeException | Error e) {
                    image.completeExceptionally(e);
                }
            });
        }
    }

    private static Set<String> builders(ServiceSpec service) {
        Set<String> builders = new LinkedHashSet<>();
        service.layers().stream().filter(LayerSpec::fromBuildOutput).forEach(layer -> builders.add(layer.builder()));
        return builders;
    }

    @Override
    public void close() {
        assembled.values().forEach(image -> image.cancel(false));
        Workers.stop(pool);
    }
}
