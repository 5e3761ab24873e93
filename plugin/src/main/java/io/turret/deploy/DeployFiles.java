package io.turret.deploy;

import io.turret.failure.Causes;
import io.turret.failure.EnvironmentFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the three kinds of deployment file of a release into one folder, replacing what an earlier run wrote there. */
public final class DeployFiles {
    private DeployFiles() {
    }

    public static void write(Path folder, Deployment deployment) {
        try {
            Path units = folder.resolve(SystemdUnit.FOLDER);
            if (Files.isDirectory(units)) {
                try (var old = Files.list(units)) {
                    for (Path file : old.filter(path -> path.toString().endsWith(".service")).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(units);
            write(folder.resolve(ComposeFile.NAME), ComposeFile.render(deployment));
            write(folder.resolve(Kustomization.NAME), Kustomization.render(deployment));
            for (DeployedService service : deployment.services()) {
                write(units.resolve(SystemdUnit.fileName(deployment, service)), SystemdUnit.render(deployment, service));
            }
        } catch (IOException e) {
            throw new EnvironmentFailure("Could not write the deployment files into " + folder + ": " + Causes.describe(e), e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
