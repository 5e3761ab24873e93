package io.turret.it.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal project that uses the Turret plugin this build made, for tests of one goal. */
public final class TurretPom {
    public static final String PLUGIN_VERSION = "0.1.0-SNAPSHOT";

    private TurretPom() {
    }

    /** Writes {@code project/pom.xml} with this artifactId and the plugin's {@code <configuration>} content. */
    public static void write(Path project, String artifactId, String configuration) throws IOException {
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.turret</groupId>
                        <artifactId>turret-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                %s
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifactId, PLUGIN_VERSION, configuration));
    }
}
