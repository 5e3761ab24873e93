package io.turret.builder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a script container runs, whoever configured it: a builder ({@link BuilderSpec}) or a test
 * runner. {@link ScriptRun} runs it; {@link BuilderInputs} keys its inputs.
 */
public interface Script {
    /** The configuration element that declares it, for messages: {@code builder} or {@code runner}. */
    String element();

    String name();

    String image();

    /** Project folders copied in under {@link #workingDirectory()}. */
    List<String> sources();

    String workingDirectory();

    /** The commands, run with {@code sh -ec}. */
    String script();

    Map<String, String> environment();

    /** Absolute paths in the container whose content comes back. */
    List<String> outputs();

    List<String> caches();

    String network();

    List<String> excludes();

    Duration timeout();
}
