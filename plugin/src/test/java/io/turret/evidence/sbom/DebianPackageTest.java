package io.turret.evidence.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebianPackageTest {
    static final String STATUS = """
            Package: redis-server
            Status: install ok installed
            Priority: optional
            Architecture: amd64
            Version: 5:7.0.15-1~deb12u1
            Description: Persistent key-value database
             with network interface

            Package: removed-one
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0

            Package: tzdata
            Status: install ok installed
            Architecture: all
            Version: 2024a-0+deb12u1
            """;

    @Test
    void installedPackagesOnlyWithTheirPurls() {
        List<DebianPackage> packages = DebianPackage.parseStatus(STATUS.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new DebianPackage("redis-server", "5:7.0.15-1~deb12u1", "amd64"),
                new DebianPackage("tzdata", "2024a-0+deb12u1", "all")), packages);
        assertEquals("pkg:deb/debian/redis-server@5%3A7.0.15-1~deb12u1?arch=amd64", packages.get(0).purl());
    }

    @Test
    void pythonMetadataHeadersOnly() {
        PythonDistribution found = PythonDistribution.parse(("Metadata-Version: 2.1\nName: Flask_Login\nVersion: 0.6.3\n\n"
                + "Name: not-this\n").getBytes(StandardCharsets.UTF_8), "/usr/lib/python3/dist-packages/Flask_Login-0.6.3.dist-info/METADATA")
                .orElseThrow();
        assertEquals("Flask_Login", found.name());
        assertEquals("pkg:pypi/flask-login@0.6.3", found.purl());
    }
}
