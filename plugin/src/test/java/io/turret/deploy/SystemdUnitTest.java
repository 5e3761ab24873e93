package io.turret.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    private static List<String> lines(Deployment deployment, String service) {
        DeployedService deployed = deployment.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow();
        return SystemdUnit.render(deployment, deployed).lines().toList();
    }

    private static String line(List<String> unit, String key) {
        return unit.stream().filter(line -> line.startsWith(key + "=")).findFirst().orElseThrow(() -> new AssertionError(key));
    }

    @Test
    void aUnitPerServiceNamedAfterTheNamespace() {
        Deployment sample = Samples.sample();
        assertEquals("shop-frontend.service", SystemdUnit.fileName(sample, sample.services().get(3)));
    }

    @Test
    void theUnitPullsAndRunsTheImageByDigestOnTheNamespacesNetwork() {
        List<String> unit = lines(Samples.sample(), "api");
        String image = "\"registry.example:5000/shop/api@sha256:" + "b".repeat(64) + "\"";
        assertTrue(unit.contains("ExecStartPre=docker pull " + image));
        assertEquals("ExecStart=docker run --rm --name shop-api --network shop --network-alias \"api\" -e \"DEPLOY_SUFFIX\""
                + " -e \"ENVIRONMENT\" -e \"REDIS_MASTER\" -p ${PUBLISH_API_8080}:8080 " + image, line(unit, "ExecStart"));
        assertEquals("Restart=always", line(unit, "Restart"));
        assertEquals("EnvironmentFile=/etc/turret/shop.env", line(unit, "EnvironmentFile"));
        assertEquals("Environment=\"DEPLOY_SUFFIX=production\"", line(unit, "Environment"));
        assertEquals("After=docker.service network-online.target shop-redis.service", line(unit, "After"));
    }

    @Test
    void aUnitWithNothingToGiveReadsNoEnvironmentFile() {
        assertTrue(lines(Samples.sample(), "tools").stream().noneMatch(line -> line.startsWith("EnvironmentFile=")));
    }

    @Test
    void aCraftedValueStaysInItsWordAndLine() {
        String crafted = "a\" b\nExecStartPre=/bin/rm -rf /\\ %h $HOME\u0001";
        List<String> unit = lines(Samples.crafted(crafted), "api");
        assertEquals(List.of("Environment=\"MODE=a\\\" b\\nExecStartPre=/bin/rm -rf /\\\\ %%h $HOME\\x01\""),
                unit.stream().filter(line -> line.startsWith("Environment=")).toList());
        assertTrue(line(unit, "ExecStart").endsWith(" \"--flag\" \"a\\\" b\\nExecStartPre=/bin/rm -rf /\\\\ %%h $$HOME\\x01\" \\;"),
                line(unit, "ExecStart"));
        assertEquals(3, unit.stream().filter(line -> line.startsWith("ExecStartPre=")).count(), "no line was added");
    }
}
