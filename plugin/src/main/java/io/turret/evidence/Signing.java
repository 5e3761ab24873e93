package io.turret.evidence;

import io.turret.oci.Digest;
import io.turret.push.BeforeTags;
import io.turret.registry.RegistryClient;
import io.turret.report.Log;

/** The push's step before the tags: each manifest signed, in cosign's layout. */
public final class Signing implements BeforeTags {
    private final CosignSignatures signatures;
    private final SigningKey key;
    private final Log log;

    public Signing(RegistryClient registry, SigningKey key, Log log) {
        this.signatures = new CosignSignatures(registry);
        this.key = key;
        this.log = log;
    }

    @Override
    public void attach(String service, String repository, Digest digest) {
        signatures.sign(repository, digest, key);
        log.info("[" + service + "] signed " + repository + "@" + digest + " (" + CosignSignatures.tag(digest) + ")");
    }
}
