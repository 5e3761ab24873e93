package io.turret.auth;

/** A settings.xml {@code <server>}, its password already decrypted as Maven does. */
public record ServerCredential(String id, String username, String password) {
    @Override
    public String toString() {
        return "ServerCredential[id=" + id + ", username=" + username + ", password=****]";
    }
}
