package io.turret.maven.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssembleMojoTest {
    @TempDir
    Path project;

    private final List<String> logged = new ArrayList<>();

    private AssembleMojo mojo(Service... services) {
        AssembleMojo mojo = new AssembleMojo();
        mojo.projectName = "sample";
        mojo.projectDirectory = project.toFile();
        mojo.buildDirectory = new File(project.toFile(), "target");
        mojo.services = List.of(services);
        mojo.registry = "localhost:5000";
        mojo.namespace = "sample";
        mojo.suffix = "dev";
        mojo.pull = "ifNotPresent";
        mojo.projectVersion = "1.0";
        mojo.cacheDirectory = project.resolve("cache").toFile();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                logged.add(content.toString());
            }
        });
        return mojo;
    }

    private static Service api() {
        Layer layer = new Layer();
        layer.builder = "go";
        layer.path = "api";
        layer.into = "/api";
        Service service = new Service();
        service.name = "api";
        service.base = "scratch";
        service.layers = List.of(layer);
        return service;
    }

    @Test
    void skipSaysSo() throws Exception {
        AssembleMojo mojo = mojo(api());
        mojo.skipAssemble = true;

        mojo.execute();

        assertEquals(List.of("Skipping turret:assemble (turret.assemble.skip=true)"), logged);
    }

    @Test
    void aBadSuffixIsAMojoFailureSuggestingTheTag() {
        AssembleMojo mojo = mojo(api());
        mojo.suffix = "feature/login";

        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);

        assertTrue(failure.getMessage().endsWith("use -Dsuffix=feature-login."), failure.getMessage());
    }

    @Test
    void aLayerMistakeNamesTheService() {
        Service api = api();
        api.layers.get(0).mode = "rwxr-xr-x";

        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(api).execute());

        assertEquals("<service> 'api': <mode>rwxr-xr-x</mode> is not an octal file mode; write e.g. <mode>755</mode>.",
                failure.getMessage());
    }

    @Test
    void aLayerOfAnUnknownBuilderIsAMojoFailure() {
        MojoFailureException failure = assertThrows(MojoFailureException.class, () -> mojo(api()).execute());

        assertTrue(failure.getMessage().contains("refers to the builder 'go', which is not one of the <builders> []"),
                failure.getMessage());
    }

    @Test
    void theNamespaceAndTheScmUrlReachTheSettings() {
        AssembleMojo mojo = mojo(api());
        mojo.services = List.of();
        mojo.scmUrl = "https://git.example.com/shop";

        var settings = ConfigurationMapper.images(mojo);

        assertEquals("localhost:5000/sample/api:dev", settings.naming().reference("api").toString());
        assertEquals("https://git.example.com/shop", settings.provenance().source().orElseThrow());
    }
}
