package io.turret.auth;

/**
 * A user name and password for a registry, and where they were found, for messages. The password
 * is never part of {@link #toString()}.
 *
 * @param source where the credential was found, as messages name it: {@code settings.xml <server> 'registry'}
 */
public record RegistryCredential(String username, String password, String source) {
    @Override
    public String toString() {
        return "RegistryCredential[username=" + username + ", password=****, source=" + source + "]";
    }
}
