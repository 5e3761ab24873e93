package io.turret.maven.mojo;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that make, test and push images share: the services and where their images go
 * ({@code REGISTRY/NAMESPACE/SERVICE:SUFFIX}).
 */
abstract class ImageMojo extends TurretMojo {
    /** The services: one image each. */
    @Parameter
    List<Service> services = List.of();

    /** The deploy suffix: every image's tag, e.g. {@code dev}, {@code integration}. */
    @Parameter(property = Properties.SUFFIX)
    String suffix;

    /** The repository path under the registry; the project's artifactId by default. */
    @Parameter(property = Properties.NAMESPACE, defaultValue = "${project.artifactId}")
    String namespace;

    /** Where base images named by reference come from: {@code ifNotPresent} (engine, else registry), {@code always}, {@code never}. */
    @Parameter(property = Properties.PULL, defaultValue = "ifNotPresent")
    String pull;

    /**
     * A PEM EC P-256 private key (PKCS#8, optionally encrypted) that turret:push and turret:release sign
     * every pushed manifest with, in cosign's layout, before any tag moves. Unsigned without it.
     */
    @Parameter(property = Properties.SIGNING_KEY)
    File signingKey;

    /**
     * The settings.xml {@code <server>} whose password (encrypted as Maven encrypts passwords) is the
     * signing key's passphrase; without it, the environment variable {@code TURRET_SIGNING_PASSPHRASE}.
     */
    @Parameter(property = Properties.SIGNING_KEY_SERVER_ID)
    String signingKeyServerId;

    /**
     * A PEM EC P-256 public key: turret:verify checks every tag's signature with it, turret:promote
     * refuses to move a tag whose {@code from} tag does not verify, turret:status says which verify.
     */
    @Parameter(property = Properties.VERIFY_KEY)
    File verifyKey;

    @Parameter(defaultValue = "${project.version}", readonly = true)
    String projectVersion;

    @Parameter(defaultValue = "${project.scm.url}", readonly = true)
    String scmUrl;

    @Parameter(defaultValue = "${project.url}", readonly = true)
    String projectUrl;
}
