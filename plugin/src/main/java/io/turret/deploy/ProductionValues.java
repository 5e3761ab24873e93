package io.turret.deploy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of the test environment's values must differ in production, and so are never copied into
 * the deployment files but become variables the deployer gives:
 * <ul>
 * <li>a name that says it holds a secret ({@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code TOKEN},
 * {@code KEY}, {@code CREDENTIAL}) or a place ({@code HOST}, {@code URL}, {@code URI}, {@code ENDPOINT},
 * {@code ADDR}, {@code DSN}), or the environment's own name ({@code ENVIRONMENT});</li>
 * <li>a value that names a test container's alias as a host ({@code redis:6379}, {@code http://api:8080}):
 * production runs its peers wherever it runs them.</li>
 * </ul>
 * Every other value (a suffix, a flag, a mode) is copied as the tests ran it.
 */
public final class ProductionValues {
    static final List<String> NAME_WORDS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "HOST",
            "URL", "URI", "ENDPOINT", "ADDR", "DSN", "ENVIRONMENT");

    private final List<Pattern> aliases;

    /** @param aliases every test container's alias and name */
    public ProductionValues(Set<String> aliases) {
        this.aliases = aliases.stream().map(alias -> Pattern.compile("(^|[/@,;=\\s])" + Pattern.quote(alias) + "($|[:/,;\\s])"))
                .toList();
    }

    public boolean differs(String name, String value) {
        String upper = name.toUpperCase(Locale.ROOT);
        return NAME_WORDS.stream().anyMatch(upper::contains) || aliases.stream().anyMatch(alias -> alias.matcher(value).find());
    }

    public Setting setting(String name, String value) {
        return differs(name, value) ? Setting.variable(name) : Setting.copied(name, value);
    }
}
