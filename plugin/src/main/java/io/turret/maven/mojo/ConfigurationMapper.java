package io.turret.maven.mojo;

import io.turret.auth.ServerCredential;
import io.turret.builder.BuildSettings;
import io.turret.builder.BuilderSpec;
import io.turret.config.Configured;
import io.turret.config.SettingsProxy;
import io.turret.evidence.EvidenceSettings;
import io.turret.evidence.Passphrase;
import io.turret.failure.UserFailure;
import io.turret.goal.DeployFilesGoal;
import io.turret.goal.PromoteGoal;
import io.turret.goal.RegistrySettings;
import io.turret.goal.RunSettings;
import io.turret.goal.Workspace;
import io.turret.image.AssembleSettings;
import io.turret.image.BaseImage;
import io.turret.image.GitRevision;
import io.turret.image.ImageNaming;
import io.turret.image.LayerSpec;
import io.turret.image.Provenance;
import io.turret.image.PullPolicy;
import io.turret.image.ServiceSpec;
import io.turret.image.Suffix;
import io.turret.itest.EnvironmentSettings;
import io.turret.platform.PlatformChoice;
import io.turret.itest.RunnerSpec;
import io.turret.itest.TestContainerSpec;
import io.turret.itest.Waits;
import io.turret.run.ReapAfter;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The one place where the Mojos' parameters, as Maven fills them, become Turret's immutable, checked
 * configuration. Each goal maps the parts it needs: a push reads no source folder.
 */
final class ConfigurationMapper {
    private ConfigurationMapper() {
    }

    static Workspace workspace(TurretMojo mojo) {
        return new Workspace(mojo.projectDirectory.toPath(), mojo.buildDirectory.toPath());
    }

    /** What every goal's run shares: threads, liveness, the reuse cache, the caches and how registries are reached. */
    static RunSettings run(TurretMojo mojo) {
        Duration reapAfter = ReapAfter.parse(mojo.reapAfter, "-D" + Properties.REAP_AFTER + " (<reapAfter>)");
        RunSettings.Reuse reuse = new RunSettings.Reuse(path(mojo.reuseCache), mojo.rerun, Duration.ofDays(mojo.reuseCacheMaxAgeDays));
        List<ServerCredential> servers = servers(mojo.settings, mojo.settingsDecrypter);
        RegistrySettings registries = new RegistrySettings(mojo.registry, mojo.serverId, servers, proxies(mojo.settings,
                mojo.settingsDecrypter), Optional.ofNullable(path(mojo.registryCa)), mojo.plainHttp, mojo.uploadChunkSize);
        EvidenceSettings evidence = mojo instanceof ImageMojo images ? evidence(images, servers, System.getenv())
                : EvidenceSettings.NONE;
        return new RunSettings(mojo.projectName, workspace(mojo), threads(mojo), reapAfter, reuse, path(mojo.cacheDirectory),
                registries, evidence);
    }

    /**
     * The signing and verify keys; the signing key's passphrase from the settings.xml server
     * {@code <signingKeyServerId>} names, else from {@code TURRET_SIGNING_PASSPHRASE}.
     */
    static EvidenceSettings evidence(ImageMojo mojo, List<ServerCredential> servers, Map<String, String> environment) {
        Optional<Passphrase> passphrase;
        String serverId = mojo.signingKeyServerId == null ? "" : mojo.signingKeyServerId.strip();
        if (!serverId.isEmpty()) {
            ServerCredential server = servers.stream().filter(s -> serverId.equals(s.id())).findFirst()
                    .orElseThrow(() -> new UserFailure("<signingKeyServerId>" + serverId + "</signingKeyServerId> ("
                            + Properties.SIGNING_KEY_SERVER_ID + ") names no <server> in settings.xml; add a <server> with"
                            + " that <id> and the signing key's passphrase as its <password>."));
            if (server.password() == null || server.password().isEmpty()) {
                throw new UserFailure("The settings.xml <server> " + serverId + " (<signingKeyServerId>) has no <password>: put"
                        + " the signing key's passphrase there (mvn --encrypt-password encrypts it).");
            }
            passphrase = Optional.of(new Passphrase(server.password()));
        } else {
            passphrase = Optional.ofNullable(environment.get(Properties.SIGNING_PASSPHRASE_ENV)).filter(p -> !p.isEmpty())
                    .map(Passphrase::new);
        }
        return new EvidenceSettings(Optional.ofNullable(path(mojo.signingKey)), passphrase,
                Optional.ofNullable(path(mojo.verifyKey)));
    }

    static int threads(TurretMojo mojo) {
        return mojo.threads == null ? Runtime.getRuntime().availableProcessors() : mojo.threads;
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }

    static BuildSettings build(TurretMojo mojo) {
        List<BuilderSpec> specs = (mojo.builders == null ? List.<Builder>of() : mojo.builders).stream()
                .map(b -> new BuilderSpec(b.name, b.image, b.sources, b.workingDirectory, b.script, b.environment,
                        b.outputs, b.caches, b.network, b.excludes, BuilderSpec.timeout(b.timeout), b.platformIndependent))
                .toList();
        Workspace workspace = workspace(mojo);
        return new BuildSettings(mojo.projectName, workspace.projectDirectory(), workspace.buildDirectory(), workspace.turret(),
                threads(mojo), specs, PlatformChoice.parse(mojo.platforms, mojo.testedPlatforms));
    }

    static ImageNaming naming(ImageMojo mojo) {
        return new ImageNaming(mojo.registry, mojo.namespace, new Suffix(mojo.suffix));
    }

    /** Each service's repository, by the service's name, in the pom's order: the services' names alone. */
    static Map<String, String> repositories(ImageMojo mojo) {
        ImageNaming naming = naming(mojo);
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Service service : services(mojo)) {
            String name = ServiceSpec.requireName(service.name);
            repositories.put(name, naming.repository(name));
        }
        return repositories;
    }

    private static List<Service> services(ImageMojo mojo) {
        return mojo.services == null ? List.of() : mojo.services;
    }

    static AssembleSettings images(ImageMojo mojo) {
        ImageNaming naming = naming(mojo);
        Path project = mojo.projectDirectory.toPath();
        Provenance provenance = new Provenance(mojo.projectVersion, GitRevision.of(project),
                Optional.ofNullable(mojo.scmUrl).or(() -> Optional.ofNullable(mojo.projectUrl)));
        List<ServiceSpec> specs = services(mojo).stream().map(service -> service(service, project)).toList();
        return new AssembleSettings(build(mojo), naming, provenance, PullPolicy.parse(mojo.pull), path(mojo.cacheDirectory),
                specs);
    }

    private static ServiceSpec service(Service service, Path project) {
        String name = ServiceSpec.requireName(service.name);
        String where = ServiceSpec.where(name);
        List<LayerSpec> layers = (service.layers == null ? List.<Layer>of() : service.layers).stream()
                .map(layer -> layer(layer, where)).toList();
        Map<String, BaseImage> platformBases = new LinkedHashMap<>();
        (service.platformBases == null ? Map.<String, String>of() : service.platformBases).forEach((platform, base) ->
                platformBases.put(platform, BaseImage.parse(base, project, where + "<platformBases><" + platform + ">: ")));
        return new ServiceSpec(name, BaseImage.parse(service.base, project, where), layers, service.entrypoint, service.cmd,
                service.environment, service.ports, service.user, service.workingDirectory, service.labels, platformBases);
    }

    private static LayerSpec layer(Layer layer, String where) {
        try {
            return new LayerSpec(layer.builder, layer.path, layer.into, LayerSpec.parseMode(layer.mode, ""));
        } catch (UserFailure e) {
            throw new UserFailure(where + e.getMessage(), e);
        }
    }

    /** The test environment and its runners, before the services' images are known. */
    static EnvironmentSettings environment(EnvironmentMojo mojo) {
        BuildSettings build = build(mojo);
        List<TestContainerSpec> containers = (mojo.testContainers == null ? List.<TestContainer>of() : mojo.testContainers)
                .stream().map(ConfigurationMapper::container).toList();
        List<RunnerSpec> runners = (mojo.runners == null ? List.<Runner>of() : mojo.runners).stream()
                .map(runner -> runner(runner, build)).toList();
        return new EnvironmentSettings(build, containers, runners, Map.of(), mojo.keep);
    }

    /** The test environment's containers alone: what the deployment files take their wiring from. */
    static List<TestContainerSpec> containers(List<TestContainer> containers) {
        return (containers == null ? List.<TestContainer>of() : containers).stream().map(ConfigurationMapper::container).toList();
    }

    static DeployFilesGoal deployFiles(DeployFilesMojo mojo) {
        return new DeployFilesGoal(naming(mojo), repositories(mojo), containers(mojo.testContainers));
    }

    private static TestContainerSpec container(TestContainer container) {
        String name = container.name == null || container.name.isBlank() ? container.service : container.name;
        String where = TestContainerSpec.where(name);
        List<Integer> ports = Configured.list(container.ports).stream().map(port -> Waits.port(port, where)).toList();
        Integer firstPort = ports.isEmpty() ? null : ports.get(0);
        Wait wait = container.waitFor == null ? new Wait() : container.waitFor;
        return new TestContainerSpec(name, container.service, container.image, container.command, container.environment,
                container.alias, ports, Waits.parse(wait.log, wait.port, wait.http, wait.status, wait.healthy, firstPort, where),
                Waits.timeout(wait.timeout, where), container.dependsOn);
    }

    private static RunnerSpec runner(Runner runner, BuildSettings build) {
        Optional<BuilderSpec> builder = runner.builder == null || runner.builder.isBlank() ? Optional.empty()
                : Optional.of(build.builder(runner.builder, "<runner> '" + runner.name + "'"));
        return new RunnerSpec(runner.name, builder, runner.image, runner.sources, runner.workingDirectory, runner.script,
                runner.environment, runner.excludes, runner.reports, BuilderSpec.timeout(runner.timeout));
    }

    static PromoteGoal promotion(PromoteMojo mojo) {
        return new PromoteGoal(naming(mojo), repositories(mojo), mojo.from, Optional.ofNullable(mojo.promoteRegistry),
                Optional.ofNullable(path(mojo.promoteRegistryCa)), containers(mojo.testContainers));
    }

    /** The settings.xml servers, their passwords decrypted as Maven does. */
    private static List<ServerCredential> servers(Settings settings, SettingsDecrypter decrypter) {
        if (settings == null || settings.getServers().isEmpty()) {
            return List.of();
        }
        return decrypter.decrypt(new DefaultSettingsDecryptionRequest(settings)).getServers().stream()
                .map(server -> new ServerCredential(server.getId(), server.getUsername(), server.getPassword())).toList();
    }

    /** The settings.xml {@code <proxies>}, their passwords decrypted as Maven does. */
    private static List<SettingsProxy> proxies(Settings settings, SettingsDecrypter decrypter) {
        if (settings == null || settings.getProxies() == null || settings.getProxies().isEmpty()) {
            return List.of();
        }
        return decrypter.decrypt(new DefaultSettingsDecryptionRequest(settings)).getProxies().stream()
                .map(proxy -> new SettingsProxy(proxy.getId(), proxy.isActive(), proxy.getProtocol(), proxy.getHost(),
                        proxy.getPort(), proxy.getNonProxyHosts(), proxy.getUsername(), proxy.getPassword())).toList();
    }
}
