package io.turret.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The token scopes a request needs ({@code repository:NAME:pull} or {@code :pull,push}), as the
 * token specification writes them; the key of a token in the cache.
 */
public record Scopes(List<String> scopes) {
    public static final Scopes NONE = new Scopes(List.of());

    public Scopes {
        scopes = List.copyOf(scopes);
    }

    public static Scopes pull(String repository) {
        return new Scopes(List.of("repository:" + repository + ":pull"));
    }

    public static Scopes push(String repository) {
        return new Scopes(List.of("repository:" + repository + ":pull,push"));
    }

    /** A {@code DELETE} in {@code repository} (a tag, an unused upload): distribution asks for its own action. */
    public static Scopes delete(String repository) {
        return new Scopes(List.of("repository:" + repository + ":delete"));
    }

    /** Push to {@code repository}, pull from {@code source}: a cross-repository mount. */
    public static Scopes mount(String repository, String source) {
        return new Scopes(List.of("repository:" + repository + ":pull,push", "repository:" + source + ":pull"));
    }

    /** The push scopes that include these pull-only scopes of one repository; null when there are none. */
    Scopes wider() {
        if (scopes.size() != 1 || !scopes.get(0).endsWith(":pull")) {
            return null;
        }
        return new Scopes(List.of(scopes.get(0) + ",push"));
    }

    List<String> asList() {
        return scopes;
    }

    /** For messages: "push to the repository shop/api". */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (String scope : scopes) {
            String[] fields = scope.split(":");
            if (fields.length == 3) {
                String action = fields[2].contains("push") ? "push to" : fields[2].equals("delete") ? "delete in" : "pull from";
                parts.add(action + " the repository " + fields[1]);
            } else {
                parts.add(scope);
            }
        }
        return parts.isEmpty() ? "this request" : String.join(" and ", parts);
    }
}
