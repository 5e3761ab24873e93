package io.turret.evidence;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The keys releases are signed and checked with. The files are read when a goal needs them (a
 * status reads no signing key), so a key's mistakes are told by the goal that uses it.
 *
 * @param signingKey the PEM EC P-256 private key (PKCS#8) every pushed manifest is signed with; none: unsigned
 * @param passphrase the signing key's passphrase, when it is encrypted
 * @param verifyKey the PEM public key turret:verify, turret:promote and turret:status check signatures with
 */
public record EvidenceSettings(Optional<Path> signingKey, Optional<Passphrase> passphrase, Optional<Path> verifyKey) {
    public static final EvidenceSettings NONE = new EvidenceSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public Optional<SigningKey> signing() {
        return signingKey.map(file -> SigningKey.read(file, passphrase));
    }

    public Optional<VerifyKey> verifying() {
        return verifyKey.map(VerifyKey::read);
    }
}
