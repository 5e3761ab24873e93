package io.turret.evidence;

/** One signature found in a {@code sha256-<hex>.sig} manifest: the payload blob and the DER signature from its annotation. */
public record AttachedSignature(byte[] payload, byte[] signature) {
}
