package io.turret.goal;

import io.turret.oci.Platform;
import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.docker.ContainerSpec;
import io.turret.docker.ContainerState;
import io.turret.docker.DockerAccess;
import io.turret.docker.EngineImage;
import io.turret.docker.Labelled;
import io.turret.failure.EnvironmentFailure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Docker engine in memory, enough for a whole release: images (loaded from tarballs, or given),
 * containers whose script's outcome the test decides, networks. It records what happened, in order.
 */
final class InMemoryEngine implements DockerAccess {
    /** What a script does when its container runs: its exit code, and the files it leaves under an output path. */
    record Outcome(int exitCode, Map<String, String> files) {
        static Outcome passing(Map<String, String> files) {
            return new Outcome(0, files);
        }
    }

    private record Container(ContainerSpec spec, Instant created, boolean running) {
    }

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    /** Every container made, in order. */
    final List<ContainerSpec> created = new CopyOnWriteArrayList<>();
    final Map<String, EngineImage> images = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The outcome of each script, by its text; a script not named passes and leaves nothing. */
    final Map<String, Outcome> scripts = Collections.synchronizedMap(new HashMap<>());
    /** A script that blocks until the thread running it is interrupted. */
    volatile String blocking = "";
    final CountDownLatch blocked = new CountDownLatch(1);
    private final Map<String, Container> containers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Labelled> networks = Collections.synchronizedMap(new LinkedHashMap<>());
    private int next;

    private synchronized String nextId(String prefix) {
        return prefix + next++;
    }

    /** What still runs or exists: containers and networks. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        synchronized (containers) {
            containers.values().forEach(container -> left.add("container " + container.spec().name()));
        }
        synchronized (networks) {
            networks.keySet().forEach(id -> left.add("network " + id));
        }
        return left;
    }

    @Override
    public boolean hasImage(String reference) {
        return images.containsKey(reference);
    }

    @Override
    public void pullImage(String reference) {
        throw new EnvironmentFailure("no registry reachable from this engine for " + reference);
    }

    @Override
    public Optional<EngineImage> inspectImage(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    @Override
    public void saveImage(String reference, OutputStream archive) {
        throw new UnsupportedOperationException();
    }

    /** Reads a docker-save tarball: the image is its config's digest, named by its RepoTags. */
    @Override
    public void loadImage(InputStream archive) {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), entry.getName().endsWith(".json") ? tar.readAllBytes() : new byte[0]);
            }
            JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
            byte[] config = entries.get(manifest.path("Config").asText());
            List<String> diffIds = new ArrayList<>();
            JSON.readTree(config).path("rootfs").path("diff_ids").forEach(id -> diffIds.add(id.asText()));
            EngineImage image = new EngineImage("sha256:" + sha256(config), config.length, diffIds);
            images.put(image.id().toString(), image);
            manifest.path("RepoTags").forEach(tag -> images.put(tag.asText(), image));
            events.add("load " + manifest.path("RepoTags").get(0).asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void tagImage(String imageId, String reference) {
        images.put(reference, images.get(imageId));
    }

    @Override
    public Platform platform() {
        return Platform.of("linux", "amd64");
    }

    @Override
    public boolean hasNetwork(String name) {
        synchronized (networks) {
            return networks.values().stream().anyMatch(network -> network.labels().get("name").equals(name));
        }
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        String id = nextId("c");
        created.add(spec);
        containers.put(id, new Container(spec, Instant.now(), false));
        return id;
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
        Container container = containers.get(containerId);
        containers.put(containerId, new Container(container.spec(), container.created(), true));
        events.add("start " + role(container.spec()) + " " + container.spec().name());
    }

    private static String role(ContainerSpec spec) {
        return spec.labels().getOrDefault("io.turret.role", "");
    }

    private String script(String containerId) {
        List<String> command = containers.get(containerId).spec().command();
        return command.isEmpty() ? "" : command.get(0);
    }

    @Override
    public OptionalInt followUntilExit(String containerId, Consumer<String> lines, Duration timeout) {
        String script = script(containerId);
        if (script.equals(blocking)) {
            blocked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentFailure("interrupted while waiting for container " + containerId, e);
            }
        }
        Outcome outcome = scripts.getOrDefault(script, Outcome.passing(Map.of()));
        lines.accept("ran " + script);
        return OptionalInt.of(outcome.exitCode());
    }

    /** The files the script left under {@code path}, as the engine's archive of that path: {@code out/FILE}. */
    @Override
    public Optional<InputStream> copyOut(String containerId, String path) {
        Map<String, String> files = scripts.getOrDefault(script(containerId), Outcome.passing(Map.of())).files();
        String prefix = path.endsWith("/") ? path : path + "/";
        List<Map.Entry<String, String>> under = files.entrySet().stream().filter(file -> file.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey()).toList();
        if (under.isEmpty()) {
            return Optional.empty();
        }
        String top = path.substring(path.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry folder = new TarArchiveEntry(top + "/");
            folder.setMode(040755);
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> file : under) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(top + "/" + file.getKey().substring(prefix.length()));
                entry.setMode(0100755);
                entry.setSize(data.length);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Override
    public ContainerState inspectContainer(String containerId) {
        Container container = containers.get(containerId);
        return new ContainerState(container != null && container.running(), 0, Optional.empty(), Map.of(),
                Optional.of("10.0.0." + containerId.substring(1)));
    }

    @Override
    public List<String> logs(String containerId, int lines) {
        return List.of("log of " + containerId);
    }

    @Override
    public String createNetwork(String name, Map<String, String> labels) {
        String id = nextId("n");
        Map<String, String> named = new HashMap<>(labels);
        named.put("name", name);
        networks.put(id, new Labelled(id, named, Instant.now()));
        events.add("network " + name);
        return id;
    }

    @Override
    public void removeNetwork(String networkId) {
        networks.remove(networkId);
    }

    @Override
    public List<Labelled> networksLabelled(Map<String, String> labels) {
        synchronized (networks) {
            return networks.values().stream().filter(network -> network.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }
    }

    @Override
    public void removeContainer(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public List<Labelled> containersLabelled(Map<String, String> labels) {
        synchronized (containers) {
            return containers.entrySet().stream()
                    .filter(entry -> entry.getValue().spec().labels().entrySet().containsAll(labels.entrySet()))
                    .map(entry -> new Labelled(entry.getKey(), entry.getValue().spec().labels(), entry.getValue().created()))
                    .toList();
        }
    }
}
