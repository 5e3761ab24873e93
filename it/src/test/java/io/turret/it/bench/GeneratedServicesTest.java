package io.turret.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.maven.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedServicesTest {
    private static String samplePom() throws IOException {
        return Files.readString(SampleProject.source().resolve("pom.xml"));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void twentyServicesAndTheirTestContainersGoIntoTheMainBuildNotTheEtcdProfile() throws IOException {
        String pom = samplePom();

        String bigger = GeneratedServices.withTurretServices(pom);

        assertEquals(0, count(pom, "<name>gen"));
        assertEquals(20, count(bigger, "<name>gen"));
        assertTrue(bigger.contains("<name>gen20</name>"), bigger);
        assertTrue(bigger.indexOf("<name>gen20</name>") < bigger.indexOf("</services>"), bigger);
        String etcdProfile = bigger.substring(bigger.indexOf("<id>etcd</id>"), bigger.indexOf("</profile>", bigger.indexOf("<id>etcd</id>")));
        assertFalse(etcdProfile.contains("gen01"), etcdProfile);
        String mainBuild = bigger.substring(bigger.lastIndexOf("<testContainers>"));
        assertEquals(20, count(mainBuild, "<service>gen"));
        assertEquals(20, count(mainBuild, "serving on</log>"));
        assertTrue(mainBuild.indexOf("<service>gen01</service>") < mainBuild.indexOf("</testContainers>"), mainBuild);
    }

    @Test
    void takingThemOutGivesBackTheSamplesPomAsItWas() throws IOException {
        String pom = samplePom();

        assertEquals(pom, GeneratedServices.withoutTurretServices(GeneratedServices.withTurretServices(pom)));
    }

    @Test
    void fabric8GetsAnImageForEachBeforeItsRunnerAndLosesThemAgain() throws IOException {
        String pom = Files.readString(Path.of("../bench/fabric8/pom.xml"));

        String bigger = GeneratedServices.withFabric8Images(pom);

        assertEquals(count(pom, "<image>") + 20, count(bigger, "<image>"));
        assertTrue(bigger.indexOf("<alias>gen20</alias>") < bigger.indexOf("<alias>runner</alias>"), bigger);
        assertTrue(bigger.contains("<contextDir>${project.basedir}/target/context/gen07</contextDir>"), bigger);
        assertEquals(pom, GeneratedServices.withoutFabric8Images(bigger));
    }

    @Test
    void theScriptsListAndTheSourcesComeAndGo(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve("go/cmd/api"));

        GeneratedServices.add(project, Contender.SCRIPT);

        assertEquals(GeneratedServices.names(), Files.readAllLines(project.resolve(GeneratedServices.LIST)));
        assertEquals(List.of("gen01", "gen20"), List.of(GeneratedServices.names().get(0), GeneratedServices.names().get(19)));
        String source = Files.readString(project.resolve(GeneratedServices.source("gen07")));
        assertTrue(source.contains("log.Printf(\"gen07 serving on %s\", listener.Addr())"), source);
        assertTrue(source.contains("\tlistener, err := net.Listen(\"tcp\", \":8080\")\n"), source);

        GeneratedServices.remove(project, Contender.SCRIPT);

        assertFalse(Files.exists(project.resolve(GeneratedServices.LIST)));
        assertFalse(Files.exists(project.resolve("go/cmd/gen07")));
        assertTrue(Files.exists(project.resolve("go/cmd/api")));
    }
}
