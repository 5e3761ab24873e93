package io.turret.it.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A settings.xml with one registry server, its password encrypted as `mvn --encrypt-password` does. */
public final class MavenSettings {
    private final Path settings;
    private final Path security;

    private MavenSettings(Path settings, Path security) {
        this.settings = settings;
        this.security = security;
    }

    public static MavenSettings encrypted(Path folder, String serverId, String username, String password) throws Exception {
        Path security = folder.resolve("settings-security.xml");
        String master = encrypt(folder, "--encrypt-master-password", "turret-master-" + System.nanoTime(), null);
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n");
        return plain(folder, serverId, username, encrypt(folder, "--encrypt-password", password, security), security);
    }

    public static MavenSettings plain(Path folder, String serverId, String username, String password, Path security) throws Exception {
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

    /** The settings.xml file. */
    public Path file() {
        return settings;
    }

    /**
     * These settings with a second server (its password in plain text), written beside them as
     * {@code settings-two-registries.xml}: a promotion to another registry needs both.
     */
    public MavenSettings withServer(String serverId, String username, String password) throws Exception {
        Path both = settings.resolveSibling("settings-two-registries.xml");
        Files.writeString(both, Files.readString(settings).replace("</servers>", """
                <server><id>%s</id><username>%s</username><password>%s</password></server>
                </servers>""".formatted(serverId, username, password)));
        return new MavenSettings(both, security);
    }

    /** The arguments that make Maven read these settings. */
    public List<String> arguments() {
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
        if (!result.succeeded()) {
            throw new IllegalStateException("mvn " + option + " failed:\n" + result.output());
        }
        return result.output().lines().map(line -> line.replaceAll("\u001B\\[[;\\d]*m", "").strip())
                .filter(line -> line.startsWith("{") && line.endsWith("}"))
                .reduce((first, last) -> last).orElseThrow(() -> new IllegalStateException("no encrypted value in:\n" + result.output()));
    }
}
