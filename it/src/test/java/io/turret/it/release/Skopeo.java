package io.turret.it.release;

import io.turret.it.host.Commands;
import io.turret.it.host.DebianPackages;
import io.turret.it.stack.RegistryStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** skopeo, a registry client that is not Turret, reading a test stack with its CA and credential. */
final class Skopeo {
    private Skopeo() {
    }

    /**
     * Runs {@code skopeo ARGS} against {@code stack}; {@code copy} gets no credential of its own (give
     * {@code --src-cert-dir} and the like), every other command the stack's CA and credential.
     *
     * @param scratch a folder for the CA's copy that skopeo reads
     */
    static String run(RegistryStack stack, Path scratch, String... args) throws Exception {
        DebianPackages.ensureCommands(List.of("skopeo"));
        List<String> command = new ArrayList<>(List.of("skopeo", args[0]));
        if (!args[0].equals("copy")) {
            command.addAll(List.of("--cert-dir", certificates(stack, scratch).toString(), "--creds", stack.username() + ":"
                    + stack.password()));
        } else {
            command.add(1, "--insecure-policy");
        }
        command.addAll(List.of(args).subList(1, args.length));
        return Commands.run(command.toArray(String[]::new));
    }

    /** A folder holding the stack's CA as skopeo's {@code --cert-dir} wants it. */
    static Path certificates(RegistryStack stack, Path scratch) throws Exception {
        Path certs = scratch.resolve("certs");
        if (!Files.isDirectory(certs)) {
            Files.createDirectories(certs);
            Files.copy(stack.certificateAuthority().certificate(), certs.resolve("ca.crt"));
        }
        return certs;
    }
}
