package io.turret.it.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turret.it.maven.MavenRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A settings.xml with one registry server, its password encrypted as `mvn --encrypt-password` does. */
final class MavenSettings {
    final Path settings;
    final Path security;

    private MavenSettings(Path settings, Path security) {
        this.settings = settings;
        this.security = security;
    }

    static MavenSettings encrypted(Path folder, String serverId, String username, String password) throws Exception {
        Path security = folder.resolve("settings-security.xml");
        String master = encrypt(folder, "--encrypt-master-password", "turret-master-" + System.nanoTime(), null);
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n");
        return plain(folder, serverId, username, encrypt(folder, "--encrypt-password", password, security), security);
    }

    static MavenSettings plain(Path folder, String serverId, String username, String password, Path security) throws Exception {
        Path settings = folder.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <servers>
                    <server>
                      <id>%s</id>
                      <username>%s</username>
                      <password>%s</password>
                    </server>
                  </servers>
                </settings>
                """.formatted(serverId, username, password));
        return new MavenSettings(settings, security);
    }

    /** The arguments that make Maven read these settings. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("-s", settings.toString()));
        if (security != null) {
            arguments.add("-Dsettings.security=" + security);
        }
        return arguments;
    }

    private static String encrypt(Path folder, String option, String secret, Path security) throws Exception {
        Path run = Files.createTempDirectory(folder, "encrypt");
        List<String> args = new ArrayList<>(List.of(option, secret));
        if (security != null) {
            args.add("-Dsettings.security=" + security);
        }
        MavenRun.Result result = MavenRun.run(run, args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
        return result.output().lines().map(line -> line.replaceAll("\u001B\\[[;\\d]*m", "").strip())
                .filter(line -> line.startsWith("{") && line.endsWith("}"))
                .reduce((first, last) -> last).orElseThrow(() -> new AssertionError(result.output()));
    }
}
