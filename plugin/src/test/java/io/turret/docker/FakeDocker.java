package io.turret.docker;

import io.turret.oci.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** An engine holding only labelled containers and networks: what a run makes and removes. */
public final class FakeDocker implements DockerAccess {
    public final Map<String, Labelled> containers = new LinkedHashMap<>();
    public final Map<String, Labelled> networks = new LinkedHashMap<>();
    /** The images the engine has, by reference. */
    public final Map<String, EngineImage> images = new LinkedHashMap<>();
    /** Runs before a network is removed: a test makes the removal wait, or fail. */
    public volatile Consumer<String> beforeRemovingNetwork = networkId -> {
    };
    /** The references the engine was asked to pull, in order. */
    public final List<String> pulled = new ArrayList<>();
    /** What the engine's pull does: nothing (as if it worked), or throw. */
    public volatile Consumer<String> onPull = reference -> {
    };
    /** The entry names of each archive loaded, in order. */
    public final List<List<String>> loaded = new ArrayList<>();
    /** Given an archive's entry names and the image it holds (its id, as its config's name says), what a load does: nothing, or throw. */
    public volatile BiConsumer<List<String>, Map<String, EngineImage>> onLoad = (entries, engineImages) -> {
    };
    /** The containers started, in order. */
    public final List<String> started = new ArrayList<>();
    /** How a container's script ends, given its id: its exit code (0 by default), or a throw. */
    public volatile Function<String, OptionalInt> onFollow = containerId -> OptionalInt.of(0);
    /** What each container was created from, in order. */
    public final List<ContainerSpec> created = new ArrayList<>();
    /** A container's state, given its id; none by default. */
    public volatile Function<String, ContainerState> onInspect = containerId -> {
        throw new UnsupportedOperationException();
    };
    /** Runs when a container starts, given its id. */
    public volatile Consumer<String> onStartContainer = containerId -> {
    };
    /** A container's log, given its id. */
    public volatile Function<String, List<String>> onLogs = containerId -> List.of("log of " + containerId);
    private int next;

    public String addContainer(Map<String, String> labels, Instant created) {
        String id = "c" + next++;
        containers.put(id, new Labelled(id, labels, created));
        return id;
    }

    public String addNetwork(Map<String, String> labels, Instant created) {
        String id = "n" + next++;
        networks.put(id, new Labelled(id, labels, created));
        return id;
    }

    private static List<Labelled> matching(Map<String, Labelled> resources, Map<String, String> labels) {
        List<Labelled> found = new ArrayList<>();
        resources.values().stream().filter(resource -> resource.labels().entrySet().containsAll(labels.entrySet()))
                .forEach(found::add);
        return found;
    }

    @Override
    public List<Labelled> containersLabelled(Map<String, String> labels) {
        return matching(containers, labels);
    }

    @Override
    public List<Labelled> networksLabelled(Map<String, String> labels) {
        return matching(networks, labels);
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        created.add(spec);
        return addContainer(spec.labels(), Instant.now());
    }

    @Override
    public void removeContainer(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public String createNetwork(String name, Map<String, String> labels) {
        return addNetwork(labels, Instant.now());
    }

    @Override
    public void removeNetwork(String networkId) {
        beforeRemovingNetwork.accept(networkId);
        networks.remove(networkId);
    }

    @Override
    public boolean hasImage(String reference) {
        return images.containsKey(reference);
    }

    @Override
    public void pullImage(String reference) {
        pulled.add(reference);
        onPull.accept(reference);
    }

    @Override
    public Optional<EngineImage> inspectImage(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    @Override
    public void saveImage(String reference, OutputStream archive) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void loadImage(InputStream archive) {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.add(entries);
        onLoad.accept(entries, images);
    }

    @Override
    public void tagImage(String imageId, String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Platform platform() {
        return Platform.of("linux", "amd64");
    }

    @Override
    public boolean hasNetwork(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void copyIn(String containerId, String path, InputStream tar) {
        try (tar) {
            tar.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(String containerId) {
        started.add(containerId);
        onStartContainer.accept(containerId);
    }

    @Override
    public OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout) {
        return onFollow.apply(containerId);
    }

    @Override
    public Optional<InputStream> copyOut(String containerId, String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContainerState inspectContainer(String containerId) {
        return onInspect.apply(containerId);
    }

    @Override
    public List<String> logs(String containerId, int lines) {
        return onLogs.apply(containerId);
    }
}
