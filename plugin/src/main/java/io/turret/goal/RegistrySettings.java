package io.turret.goal;

import io.turret.auth.ServerCredential;
import io.turret.failure.UserFailure;
import io.turret.config.SettingsProxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the registries are reached: the release registry (with its own CA, plain HTTP and the
 * credential sources that belong to it alone), the settings.xml servers and proxies (passwords
 * decrypted), and the size of an upload's chunks.
 *
 * @param release {@code <registry>} as written, trimmed; empty when there is none (a goal that pushes refuses that itself)
 * @param chunkMegabytes the MiB of each chunk of an upload; 0 to upload each blob in one request
 */
public record RegistrySettings(String release, String serverId, List<ServerCredential> servers,
        List<SettingsProxy> proxies, Optional<Path> releaseCa, boolean plainHttp, long chunkMegabytes) {
    public RegistrySettings {
        release = release == null ? "" : release.strip();
        servers = List.copyOf(servers);
        proxies = List.copyOf(proxies);
        if (chunkMegabytes < 0) {
            throw new UserFailure("<uploadChunkSize>" + chunkMegabytes + "</uploadChunkSize> (turret.registry.chunkSize) is"
                    + " negative; give the MiB of each chunk, or 0 to upload each blob in one request.");
        }
    }

    public long chunkBytes() {
        return chunkMegabytes << 20;
    }
}
