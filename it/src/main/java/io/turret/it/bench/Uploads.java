package io.turret.it.bench;

import io.turret.it.stack.RegistryAccessLog;
import io.turret.it.stack.RegistryStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one release sent to the registry, from the registry's access log: completed blob uploads
 * (their sizes from the blobs the registry stored in S3), cross-repository mounts, manifest PUTs.
 */
record Uploads(int blobs, long bytes, int mounts, int manifests) {
    private static final Pattern DIGEST = Pattern.compile("digest=sha256(?::|%3A)([0-9a-f]{64})");

    /** The number of requests logged so far: where the next release's requests start. */
    static int mark(RegistryStack stack) {
        return RegistryAccessLog.read(log(stack)).size();
    }

    static Uploads since(RegistryStack stack, int mark) {
        List<RegistryAccessLog.Request> all = RegistryAccessLog.read(log(stack));
        List<RegistryAccessLog.Request> requests = all.subList(Math.min(mark, all.size()), all.size());
        int blobs = 0;
        long bytes = 0;
        for (RegistryAccessLog.Request request : requests) {
            if (request.isCompletedUpload()) {
                blobs++;
                bytes += size(stack, request.target());
            }
        }
        int mounts = (int) requests.stream().filter(RegistryAccessLog.Request::isMount).count();
        int manifests = (int) requests.stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains("/manifests/") && r.status() == 201).count();
        return new Uploads(blobs, bytes, mounts, manifests);
    }

    private static long size(RegistryStack stack, String target) {
        Matcher digest = DIGEST.matcher(target);
        if (!digest.find()) {
            return 0;
        }
        String hex = digest.group(1);
        Path data = stack.directory().resolve("s3-data").resolve(stack.bucket()).resolve(stack.storagePrefix())
                .resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
        try {
            return Files.size(data);
        } catch (IOException e) {
            throw new IllegalStateException("The registry logged an upload of sha256:" + hex + " but has no " + data, e);
        }
    }

    private static Path log(RegistryStack stack) {
        return stack.logs().resolve("registry.log");
    }
}
