package io.turret.it.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turret.builder.BuildSettings;
import io.turret.docker.DockerJavaAccess;
import io.turret.failure.UserFailure;
import io.turret.image.AssembleSettings;
import io.turret.image.AssembledImage;
import io.turret.image.Assemblies;
import io.turret.image.BaseImage;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.it.stack.RegistryStack;
import io.turret.it.stack.RegistryStackExtension;
import io.turret.report.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The kinds of base a service can start from, against the real engine. */
@ExtendWith(RegistryStackExtension.class)
class BaseImagesIT {
    @TempDir
    Path project;

    private List<AssembledImage> assemble(PullPolicy pull, ServiceSpec... services) {
        BuildSettings build = new BuildSettings("base-images-it", project, project.resolve("target"),
                project.resolve("target/turret"), 2, List.of());
        AssembleSettings settings = new AssembleSettings(build, new ImageNaming("127.0.0.1:5000", "turret-it", new Suffix("base-it")),
                new Provenance("1", Optional.empty(), Optional.empty()), pull, project.resolve("jib-cache"), List.of(services));
        return new Assemblies(DockerJavaAccess.connect(), Log.silent()).assembleAll(settings);
    }

    private static ServiceSpec service(String name, BaseImage base, String file) {
        return new ServiceSpec(name, base, List.of(new LayerSpec(null, file, "/etc/" + file, null)), List.of(), List.of(),
                Map.of(), List.of(), null, null, Map.of());
    }

    private AssembledImage first() throws Exception {
        Files.writeString(project.resolve("first.conf"), "first");
        return assemble(PullPolicy.NEVER, service("first", new BaseImage.Scratch(), "first.conf")).get(0);
    }

    @Test
    void aDockerSaveTarballIsABase() throws Exception {
        AssembledImage base = first();
        Files.writeString(project.resolve("second.conf"), "second");

        AssembledImage image = assemble(PullPolicy.NEVER,
                service("second", new BaseImage.Tarball(base.tarball()), "second.conf")).get(0);

        assertEquals(2, image.layers().size());
        assertEquals(base.layers().get(0), image.layers().get(0), "the base's layer comes first, unchanged");
    }

    @Test
    void anImageInTheEngineIsABaseReadThroughTheEngineApi() throws Exception {
        AssembledImage base = first();
        Files.writeString(project.resolve("third.conf"), "third");

        AssembledImage image = assemble(PullPolicy.NEVER,
                service("third", BaseImage.parse(base.reference().toString(), project, ""), "third.conf")).get(0);

        assertEquals(List.of(base.layers().get(0)), image.layers().subList(0, 1));
        assertEquals(2, image.layers().size());
    }

    @Test
    void withPullNeverABaseTheEngineLacksIsNamed() throws Exception {
        Files.writeString(project.resolve("x.conf"), "x");

        UserFailure failure = assertThrows(UserFailure.class, () -> assemble(PullPolicy.NEVER,
                service("x", BaseImage.parse("turret-it/absent:never", project, ""), "x.conf")));

        assertEquals("<service> 'x': the base image turret-it/absent:never is not in the engine, and turret.pull is never;"
                + " load it into the engine, or use -Dturret.pull=ifNotPresent.", failure.getMessage());
        assertTrue(Files.notExists(project.resolve("target/turret/images.json")));
    }

    @Test
    void aBaseOnAServerThatSpeaksPlainHttpIsToldSo(RegistryStack stack) throws Exception {
        Files.writeString(project.resolve("p.conf"), "p");
        String plainHttp = "127.0.0.1:" + stack.registry().port();

        UserFailure failure = assertThrows(UserFailure.class, () -> assemble(PullPolicy.ALWAYS,
                service("p", BaseImage.parse(plainHttp + "/turret-it/base:plain", project, ""), "p.conf")));

        assertEquals("<service> 'p': the base image " + plainHttp + "/turret-it/base:plain: The registry " + plainHttp
                + " answered in plain text, not TLS: it speaks plain HTTP on that port. Give its HTTPS port in <base>.",
                failure.getMessage());
    }
}
