package io.turret.it.stack;

import io.turret.it.stack.TokenSigner.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Who may do what, for the token server: users and their passwords, and per user the actions
 * allowed on the repositories a pattern matches ({@code *} matches any characters, {@code /}
 * included). Anonymous requests get what {@link #ANONYMOUS} is granted.
 */
public final class AccessTable {
    /** The user name of a request without credentials. */
    public static final String ANONYMOUS = "";

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();

    public void addUser(String name, String password) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A user needs a name; grant to ANONYMOUS for requests without one");
        }
        passwords.put(name, password);
    }

    /** True when {@code name} is a user and {@code password} is theirs. */
    public boolean checks(String name, String password) {
        String expected = passwords.get(name);
        return expected != null && expected.equals(password);
    }

    /** Lets {@code user} ({@link #ANONYMOUS} for anyone) do {@code actions} on the repositories {@code pattern} matches. */
    public void grant(String user, String pattern, String... actions) {
        grants.add(new Grant(user, glob(pattern), Set.of(actions)));
    }

    /** Takes back everything granted to {@code user}. */
    public void revoke(String user) {
        grants.removeIf(grant -> grant.user().equals(user));
    }

    /**
     * What a token for {@code user} may carry, for the scopes a client asked
     * ({@code repository:NAME:pull,push}): per repository the asked actions the table allows,
     * omitting repositories with none. Other resource types get nothing.
     */
    public List<Access> granted(String user, List<String> scopes) {
        List<Access> access = new ArrayList<>();
        for (String scope : scopes) {
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            if (first < 0 || first == last || !scope.substring(0, first).equals("repository")) {
                continue;
            }
            String name = scope.substring(first + 1, last);
            Set<String> allowed = new TreeSet<>();
            for (Grant grant : grants) {
                if ((grant.user().equals(user) || grant.user().equals(ANONYMOUS)) && grant.pattern().matcher(name).matches()) {
                    allowed.addAll(grant.actions());
                }
            }
            Set<String> actions = new TreeSet<>();
            for (String asked : scope.substring(last + 1).split(",")) {
                if (allowed.contains(asked) || allowed.contains("*")) {
                    actions.add(asked);
                }
            }
            if (!actions.isEmpty()) {
                access.add(new Access("repository", name, List.copyOf(actions)));
            }
        }
        return access;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private record Grant(String user, Pattern pattern, Set<String> actions) {
    }
}
