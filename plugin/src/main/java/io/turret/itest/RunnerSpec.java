package io.turret.itest;

import io.turret.builder.BuilderSpec;
import io.turret.builder.Script;
import io.turret.config.Configured;
import io.turret.failure.UserFailure;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A test runner: a script container on the test network (sources copied in, the other containers'
 * addresses in its environment) whose {@code reports} folder's JUnit XML files are collected. It
 * takes from its {@code builder}, when it names one, its image, the sources and working directory it
 * does not give, the builder's environment and excludes under its own, and the builder's caches;
 * never the builder's timeout or outputs.
 */
public record RunnerSpec(String name, Optional<BuilderSpec> builder, String image, List<String> sources,
        String workingDirectory, String script, Map<String, String> environment, List<String> excludes, String reports,
        Duration timeout) implements Script {
    public static final String DEFAULT_REPORTS = "/reports";

    public RunnerSpec {
        if (name == null || !BuilderSpec.NAME.matcher(name).matches()) {
            throw new UserFailure("<runners><runner><name>" + name + "</name>: a runner's name must be lower-case letters,"
                    + " digits, '.', '_' or '-' (it names its report, its log and its container); for example <name>system</name>.");
        }
        String where = where(name);
        Optional<BuilderSpec> from = builder;
        image = from.map(BuilderSpec::image).orElse(image == null ? "" : image.strip());
        if (image.isBlank()) {
            throw new UserFailure(where + "<image> is missing; name the image the tests run in, e.g. <image>golang:1.22</image>,"
                    + " or take a builder's with <builder>.");
        }
        if (script == null || script.isBlank()) {
            throw new UserFailure(where + "<script> is empty; give the test commands, e.g. <script>go test ./...</script>.");
        }
        sources = Configured.list(sources);
        if (sources.isEmpty()) {
            sources = from.map(BuilderSpec::sources).orElseThrow(() -> new UserFailure(where + "<sources> is empty; name at least"
                    + " one project folder, e.g. <sources><source>src</source></sources>, or take a builder's with <builder>."));
        }
        BuilderSpec.requireInsideProject(where, sources);
        workingDirectory = workingDirectory == null || workingDirectory.isBlank()
                ? from.map(BuilderSpec::workingDirectory).orElse(BuilderSpec.DEFAULT_WORKING_DIRECTORY) : workingDirectory.strip();
        BuilderSpec.requireAbsolute(where, "workingDirectory", List.of(workingDirectory));
        Map<String, String> merged = new LinkedHashMap<>(from.map(BuilderSpec::environment).orElse(Map.of()));
        merged.putAll(Configured.map(environment));
        environment = Collections.unmodifiableMap(merged);
        excludes = Stream.concat(from.map(BuilderSpec::excludes).orElse(List.of()).stream(),
                Configured.list(excludes).stream()).toList();
        reports = reports == null || reports.isBlank() ? DEFAULT_REPORTS : reports.strip();
        if (!reports.startsWith("/")) {
            throw new UserFailure(where + "<reports>" + reports
                    + "</reports> must be an absolute path in the container, e.g. <reports>/reports</reports>.");
        }
        timeout = timeout == null ? BuilderSpec.DEFAULT_TIMEOUT : timeout;
        BuilderSpec.requirePositive(where, timeout);
    }

    /** How messages name the runner {@code name}. */
    public static String where(String name) {
        return "<runner> '" + name + "': ";
    }

    @Override
    public String element() {
        return "runner";
    }

    /** A runner's outputs are its reports, taken only when it runs on the test network. */
    @Override
    public List<String> outputs() {
        return List.of();
    }

    /** Its builder's cache volumes, so that a warm compiler cache is shared. */
    @Override
    public List<String> caches() {
        return builder.map(BuilderSpec::caches).orElse(List.of());
    }

    /** None until it runs on the test network: see {@link #onTheNetwork}. */
    @Override
    public String network() {
        return BuilderSpec.DEFAULT_NETWORK;
    }

    /** Whose cache volumes it mounts: its builder's, so that a warm compiler cache is shared; else its own. */
    public String cacheOwner() {
        return builder.map(BuilderSpec::name).orElse(name);
    }

    /** The runner as it runs: on {@code network}, with {@code addresses} under its own environment, its reports as its output. */
    public Script onTheNetwork(String network, Map<String, String> addresses) {
        Map<String, String> withAddresses = new LinkedHashMap<>(addresses);
        withAddresses.putAll(environment);
        return new OnTheNetwork(this, network, Collections.unmodifiableMap(withAddresses));
    }

    private record OnTheNetwork(RunnerSpec runner, String network, Map<String, String> environment) implements Script {
        @Override
        public String element() {
            return runner.element();
        }

        @Override
        public String name() {
            return runner.name();
        }

        @Override
        public String image() {
            return runner.image();
        }

        @Override
        public List<String> sources() {
            return runner.sources();
        }

        @Override
        public String workingDirectory() {
            return runner.workingDirectory();
        }

        @Override
        public String script() {
            return runner.script();
        }

        @Override
        public List<String> outputs() {
            return List.of(runner.reports());
        }

        @Override
        public List<String> caches() {
            return runner.caches();
        }

        @Override
        public List<String> excludes() {
            return runner.excludes();
        }

        @Override
        public Duration timeout() {
            return runner.timeout();
        }
    }
}
