package io.turret.push;

/** A service's image as the registry has it after the push, as release.json records it. */
public record PushedImage(String service, String reference, String digest, String imageId, long size) {
}
