package io.turret.config;

/** A settings.xml {@code <proxy>}, as Maven read it, its password decrypted; a null username for none. */
public record SettingsProxy(String id, boolean active, String protocol, String host, int port, String nonProxyHosts,
        String username, String password) {
    @Override
    public String toString() {
        return "<proxy> '" + id + "'";
    }
}
