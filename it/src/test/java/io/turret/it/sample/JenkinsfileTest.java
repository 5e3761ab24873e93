package io.turret.it.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.it.maven.SampleProject;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** The sample's Jenkinsfile calls goals the plugin has and publishes what Turret writes where Turret writes it. */
class JenkinsfileTest {
    private static String jenkinsfile() throws Exception {
        return Files.readString(SampleProject.source().resolve("Jenkinsfile"));
    }

    /** The goals in the plugin descriptor this build made (the plugin is on the test class path). */
    private static Set<String> pluginGoals() throws Exception {
        try (InputStream descriptor = JenkinsfileTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            NodeList goals = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor).getElementsByTagName("goal");
            Set<String> names = new java.util.TreeSet<>();
            for (int i = 0; i < goals.getLength(); i++) {
                names.add(goals.item(i).getTextContent().strip());
            }
            return names;
        }
    }

    @Test
    void hasTheStagesOfARelease() throws Exception {
        List<String> stages = new ArrayList<>();
        Matcher stage = Pattern.compile("stage\\('([^']+)'\\)").matcher(jenkinsfile());
        while (stage.find()) {
            stages.add(stage.group(1));
        }

        assertEquals(List.of("Check registry", "Build", "Assemble", "Integration test", "Push", "Promote to production"), stages);
    }

    @Test
    void everyMavenCallIsAGoalOfThePluginWithTheSuffix() throws Exception {
        Set<String> goals = pluginGoals();
        List<String> calls = jenkinsfile().lines().filter(line -> line.strip().startsWith("sh 'mvn ")).toList();

        assertEquals(7, calls.size(), calls.toString());
        for (String call : calls) {
            Matcher goal = Pattern.compile("turret:([a-z-]+)").matcher(call);
            assertTrue(goal.find(), call);
            assertTrue(goals.contains(goal.group(1)), goal.group(1) + " is not one of " + goals);
            assertTrue(call.contains("-Dsuffix=$SUFFIX") || call.contains("-Dfrom=$SUFFIX -Dsuffix=production"), call);
        }
        assertEquals(List.of("check", "build", "assemble", "integration-test", "push", "verify", "promote"), calls.stream()
                .map(call -> call.replaceAll(".*turret:([a-z-]+).*", "$1")).collect(Collectors.toList()));
    }

    @Test
    void publishesTurretsReportsAndArchivesReleaseJson() throws Exception {
        String jenkinsfile = jenkinsfile();

        assertTrue(jenkinsfile.contains("junit allowEmptyResults: true, testResults: 'target/turret/reports/**/*.xml'"));
        assertTrue(jenkinsfile.contains("target/turret/release.json"));
    }

    @Test
    void sanitisesTheBranchAsTurretSuggests() throws Exception {
        String jenkinsfile = jenkinsfile();

        // the same replacements as io.turret.image.Suffix.sanitised, so a branch never makes a refused suffix
        assertTrue(jenkinsfile.contains("branch.replaceAll('[^A-Za-z0-9._-]+', '-').replaceAll('^[.-]+', '')"));
        assertEquals("feature-login", io.turret.image.Suffix.sanitised("feature/login"));
    }

    @Test
    void bindsTheRegistryCredentialToTheVariablesTurretReads() throws Exception {
        String jenkinsfile = jenkinsfile();

        assertTrue(jenkinsfile.contains("usernameVariable: '" + io.turret.auth.CredentialChain.USERNAME_VARIABLE + "'"));
        assertTrue(jenkinsfile.contains("passwordVariable: '" + io.turret.auth.CredentialChain.PASSWORD_VARIABLE + "'"));
    }

    @Test
    void signsThePushAndVerifiesBeforeTheProductionPromote() throws Exception {
        String jenkinsfile = jenkinsfile();

        assertTrue(jenkinsfile.contains("file(credentialsId: 'turret-signing-key', variable: 'TURRET_SIGNING_KEY')"));
        assertTrue(jenkinsfile.contains("variable: 'TURRET_SIGNING_PASSPHRASE'"), "the passphrase variable Turret reads");
        List<String> calls = jenkinsfile.lines().filter(line -> line.strip().startsWith("sh 'mvn ")).toList();
        assertTrue(calls.get(4).contains("turret:push") && calls.get(4).contains("-Dturret.signingKey=$TURRET_SIGNING_KEY"), calls.get(4));
        assertTrue(calls.get(5).contains("turret:verify") && calls.get(5).contains("-Dturret.verifyKey=$TURRET_VERIFY_KEY"), calls.get(5));
        assertTrue(calls.get(6).contains("turret:promote") && calls.get(6).contains("-Dturret.verifyKey=$TURRET_VERIFY_KEY"), calls.get(6));
    }
}
