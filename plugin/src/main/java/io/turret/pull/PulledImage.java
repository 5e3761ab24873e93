package io.turret.pull;

import static io.turret.files.JsonFiles.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import io.turret.failure.UserFailure;
import io.turret.oci.Digest;
import io.turret.oci.ImageRef;
import io.turret.oci.Platform;
import io.turret.registry.Manifest;
import io.turret.registry.RegistryClient;
import io.turret.registry.RegistryTrust;
import io.turret.registry.TlsFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image fetched from its registry with our {@link RegistryClient} (its trust, credential,
 * tokens, proxy) into a {@code docker save} style tarball: the config and the compressed layer
 * blobs exactly as the registry holds them, so jib keeps their digests and the engine loads it.
 * Written under a temporary name and renamed, for runs at once.
 */
public final class PulledImage {
    private static final Set<String> GZIP_LAYERS = Set.of("application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.oci.image.layer.v1.tar+gzip");

    private PulledImage() {
    }

    /**
     * The manifest of {@code image}'s linux/amd64 image: the one its tag or digest names, or the
     * one its index names for that platform.
     *
     * @param where what messages start with: {@code <service> 'api': }
     * @param element the pom element that names the image, for the fix: {@code <base>}
     */
    public static Manifest resolve(RegistryClient registry, ImageRef image, String where, String element) {
        return resolve(registry, image, Platform.of("linux", "amd64"), false, where, element);
    }

    /**
     * The manifest of {@code image}'s image for {@code platform}: the one its index names for that platform,
     * or the one its tag or digest names; that one is checked to be of {@code platform} when {@code check}.
     */
    public static Manifest resolve(RegistryClient registry, ImageRef image, Platform platform, boolean check, String where,
            String element) {
        String repository = image.repository();
        Manifest manifest = registry.findManifest(repository, image.qualifier()).orElseThrow(() -> new UserFailure(where,
                "the image " + image + " is not in the registry " + registry.registry() + "; fix " + element
                + ", or push it there.", null));
        if (manifest.isIndex()) {
            return registry.getManifest(repository, forPlatform(manifest, image, platform, where, element).toString());
        }
        if (check) {
            Platform its = platformOf(registry, repository, manifest, image, where);
            if (!its.os().equals(platform.os()) || !its.architecture().equals(platform.architecture())) {
                throw new UserFailure(where, "the image " + image + " is a single image of " + its + ", not of " + platform
                        + "; name an image (or index) that has " + platform + " in " + element + ", or give one for it in"
                        + " <platformBases>.", null);
            }
        }
        return manifest;
    }

    /** The platform an image's config names. */
    private static Platform platformOf(RegistryClient registry, String repository, Manifest manifest, ImageRef image,
            String where) {
        try (InputStream in = registry.openBlob(repository, configDigest(manifest))) {
            JsonNode config = JSON.readTree(in.readAllBytes());
            return Platform.of(config.path("os").asText(), config.path("architecture").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new EnvironmentFailure(where, "the config of the image " + image + " is not readable: " + Causes.describe(e), e);
        }
    }

    /** The tarball of {@code image}'s {@code manifest}, kept in {@code cacheDirectory} by its digest; fetched unless kept. */
    public static Path cached(RegistryClient registry, ImageRef image, Manifest manifest, Path cacheDirectory,
            String where) {
        Path tarball = cacheDirectory.resolve("sha256-" + manifest.digest().hex() + ".tar");
        if (!Files.isRegularFile(tarball)) {
            download(registry, image, manifest, tarball, where);
        }
        return tarball;
    }

    /** Writes the tarball of {@code image}'s {@code manifest} to {@code tarball}, which appears whole or not at all. */
    public static void download(RegistryClient registry, ImageRef image, Manifest manifest, Path tarball,
            String where) {
        Path folder = tarball.toAbsolutePath().getParent();
        Path partial = folder.resolve(tarball.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.createDirectories(folder);
            write(registry, image.repository(), JSON.readTree(manifest.bytes()), partial, image, where);
            Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EnvironmentFailure(where, "writing the image " + image + " into " + folder + " failed: "
                    + Causes.describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a leftover partial file is harmless: no run reads it
            }
        }
    }

    /** The digest of the image's config: the image id the engine gives it. */
    public static Digest configDigest(Manifest manifest) {
        try {
            return named(JSON.readTree(manifest.bytes()).path("config"), "an image");
        } catch (IOException e) {
            throw new EnvironmentFailure("An image's manifest is not JSON: " + Causes.describe(e), e);
        }
    }

    /**
     * A TLS failure while fetching from {@code registry}, told in terms of {@code element}, the pom
     * element that names the image ({@code <base>}, {@code <image>}); the fix names
     * {@code <registryCa>} only for the release registry, the one it applies to.
     */
    public static UserFailure tlsFailure(RegistryClient registry, Throwable failure, String element, boolean releaseRegistry) {
        return TlsFailure.explain(registry.registry(), failure, new TlsFailure.Context(element, false, registry.trusting(),
                "Put the CA that signed its certificate in " + RegistryTrust.DOCKER_CERTS.resolve(registry.registry())
                        .resolve("ca.crt") + (releaseRegistry ? ", or name it with <registryCa>." : ".")));
    }

    /** The image an index names for the platform; a variant counts only when both name one. */
    private static Digest forPlatform(Manifest index, ImageRef image, Platform wanted, String where, String element) {
        List<String> has = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(index.bytes()).path("manifests")) {
                JsonNode platform = entry.path("platform");
                String variant = platform.path("variant").asText("");
                has.add(platform.path("os").asText() + "/" + platform.path("architecture").asText()
                        + (variant.isEmpty() ? "" : "/" + variant));
                if (wanted.os().equals(platform.path("os").asText())
                        && wanted.architecture().equals(platform.path("architecture").asText())
                        && (variant.isEmpty() || wanted.variant().isEmpty() || wanted.variant().get().equals(variant))) {
                    return named(entry, image);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentFailure(where, "the index of the image " + image + " is not JSON: " + Causes.describe(e), e);
        }
        throw new UserFailure(where, "the image " + image + " has no " + wanted + " image in its index (it has " + has
                + "); name one that does in " + element + ", or give one for " + wanted + " in <platformBases>.", null);
    }

    private static void write(RegistryClient registry, String repository, JsonNode manifest, Path partial,
            ImageRef image, String where) throws IOException {
        JsonNode config = manifest.path("config");
        List<String> layerFiles = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(partial); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            String configFile = named(config, image).hex() + ".json";
            blob(registry, repository, config, configFile, tar);
            for (JsonNode layer : manifest.path("layers")) {
                if (!GZIP_LAYERS.contains(layer.path("mediaType").asText())) {
                    throw new UserFailure(where, "the image " + image + " has a layer of type "
                            + layer.path("mediaType").asText() + "; only gzip-compressed layers are read.", null);
                }
                String file = named(layer, image).hex() + ".tar.gz";
                blob(registry, repository, layer, file, tar);
                layerFiles.add(file);
            }
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("Config", configFile);
            saved.put("RepoTags", List.of());
            saved.put("Layers", layerFiles);
            byte[] index = JSON.writeValueAsBytes(List.of(saved));
            TarArchiveEntry entry = new TarArchiveEntry("manifest.json");
            entry.setSize(index.length);
            tar.putArchiveEntry(entry);
            tar.write(index);
            tar.closeArchiveEntry();
        }
    }

    /** One blob into the tar, its digest and size checked against the manifest's descriptor. */
    private static void blob(RegistryClient registry, String repository, JsonNode descriptor, String file,
            TarArchiveOutputStream tar) throws IOException {
        Digest digest = named(descriptor, repository);
        long size = descriptor.path("size").asLong();
        TarArchiveEntry entry = new TarArchiveEntry(file);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(registry.openBlob(repository, digest), sha256)) {
            long copied = in.transferTo(tar);
            Digest got = new Digest(HexFormat.of().formatHex(sha256.digest()));
            if (copied != size || !got.equals(digest)) {
                throw new EnvironmentFailure("The registry " + registry.registry() + " sent " + copied + " bytes of digest " + got
                        + " for the blob " + digest + " of " + size + " bytes in " + repository + ".");
            }
        }
        tar.closeArchiveEntry();
    }

    /** The digest a descriptor of a manifest or an index names. */
    private static Digest named(JsonNode descriptor, Object image) {
        return Digest.parse(descriptor.path("digest").asText(), "The manifest of " + image + " names a blob or manifest");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
